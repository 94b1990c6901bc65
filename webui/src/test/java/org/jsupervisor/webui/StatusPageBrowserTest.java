package org.jsupervisor.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jsupervisor.webui.testing.Browser;
import org.jsupervisor.webui.testing.RealSupervisord;
import org.jsupervisor.webui.testing.UiTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The status and tail pages in headless Chromium, against the reference supervisord behind a
 * test server that does what the control plane will: basic auth and the CSRF check on /RPC2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageBrowserTest {

    static final String ESCAPE_NAME = "<i>esc&\"'";

    static final String PROGRAMS = """
            [program:sleeper]
            command=sleep 1000
            startsecs=1
            stopwaitsecs=5

            [program:talker]
            command=/bin/sh -c 'i=0; while :; do echo "out $i <b>bold</b> & more"; echo "err $i" >&2; i=$((i+1)); sleep 0.3; done'
            startsecs=0
            stopwaitsecs=5

            [program:worker]
            command=sleep 1000
            numprocs=2
            process_name=%(program_name)s_%(process_num)d
            startsecs=0

            [program:idle]
            command=sleep 1000
            autostart=false

            [program:oneshot]
            command=/bin/true
            startsecs=0
            autorestart=false

            [program:broken]
            command=/nonexistent/program
            startretries=0

            [program:ESCAPE]
            command=sleep 1000
            startsecs=0
            """.replace("ESCAPE", ESCAPE_NAME);

    static final List<String> ALL = List.of("broken", "idle", "oneshot", "sleeper", "talker",
            "worker:worker_0", "worker:worker_1", ESCAPE_NAME);

    Path dir;
    RealSupervisord supervisord;
    UiTestServer server;
    ChromeDriver driver;

    @BeforeAll
    void startEverything() throws Exception {
        assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        assumeTrue(RealSupervisord.available(), "needs the reference /usr/bin/supervisord");
        dir = Files.createTempDirectory("wui");
        supervisord = RealSupervisord.start(dir, PROGRAMS);
        server = new UiTestServer(supervisord::rpc);
        driver = Browser.start(Files.createDirectory(dir.resolve("chrome-profile")));
        await().atMost(Duration.ofSeconds(15)).until(() -> supervisord.stateOf("broken").equals("FATAL")
                && supervisord.stateOf("oneshot").equals("EXITED") && supervisord.stateOf("talker").equals("RUNNING"));
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (supervisord != null) {
            supervisord.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void desktopSize() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    private void openStatusPage() {
        driver.get(server.baseUrlWithCredentials());
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> driver.findElements(By.cssSelector("tr.process")).size() == ALL.size());
    }

    private WebElement row(String namespec) {
        return driver.findElements(By.cssSelector("tr.process")).stream()
                .filter(tr -> namespec.equals(tr.getAttribute("data-ns")))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + namespec));
    }

    private String shownState(String namespec) {
        return row(namespec).findElement(By.cssSelector(".badge")).getText();
    }

    private void click(String namespec, String action) {
        row(namespec).findElement(By.cssSelector("button[data-act='" + action + "']")).click();
    }

    private void awaitShownState(String namespec, String state) {
        await(namespec + " shown as " + state).atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> shownState(namespec).equals(state));
    }

    private String message() {
        return driver.findElement(By.id("message-text")).getText();
    }

    private Path screenshots() {
        return Path.of("target", "screenshots");
    }

    @Test
    @Order(1)
    void showsEveryProcessWithItsStateAsTheDaemonReportsIt() {
        openStatusPage();
        List<String> shown = driver.findElements(By.cssSelector("tr.process")).stream()
                .map(tr -> tr.getAttribute("data-ns")).collect(Collectors.toList());
        assertThat(shown).containsExactlyInAnyOrderElementsOf(ALL);
        for (String ns : ALL) {
            assertThat(shownState(ns)).as(ns).isEqualTo(supervisord.stateOf(ns).toLowerCase());
        }
        assertThat(row("sleeper").findElement(By.cssSelector(".desc")).getText()).matches("pid \\d+, uptime .*");
        assertThat(row("sleeper").findElement(By.cssSelector(".badge")).getAttribute("class")).contains("state-running");
        assertThat(row("broken").findElement(By.cssSelector(".badge")).getAttribute("class")).contains("state-error");
        assertThat(driver.findElement(By.id("identity")).getText()).isEqualTo("webui-test");
    }

    @Test
    @Order(2)
    void showsProcessNamesAsTextNeverAsMarkup() {
        openStatusPage();
        WebElement name = row(ESCAPE_NAME).findElement(By.cssSelector(".name a"));
        assertThat(name.getText()).isEqualTo(ESCAPE_NAME);
        assertThat(driver.findElements(By.cssSelector("#processes i"))).isEmpty();
        assertThat(name.getAttribute("href")).endsWith("tail.html?processname=%3Ci%3Eesc%26%22%27");
        assertThat(shownState(ESCAPE_NAME)).isEqualTo("running");
    }

    @Test
    @Order(3)
    void stoppingAProcessChangesItsRowWithoutReloadingThePage() {
        openStatusPage();
        driver.executeScript("window.notReloaded = true");
        click("sleeper", "stop");
        awaitShownState("sleeper", "stopped");
        assertThat(supervisord.stateOf("sleeper")).isEqualTo("STOPPED");
        assertThat(message()).isEqualTo("Process sleeper stopped");
        assertThat(row("sleeper").findElement(By.cssSelector("button[data-act='stop']")).isEnabled()).isFalse();

        click("sleeper", "start");
        awaitShownState("sleeper", "running");
        assertThat(message()).isEqualTo("Process sleeper started");
        assertThat(supervisord.stateOf("sleeper")).isEqualTo("RUNNING");
        assertThat(driver.executeScript("return window.notReloaded === true")).isEqualTo(true);
    }

    @Test
    @Order(4)
    void showsStateChangesMadeElsewhereWithoutAReload() {
        openStatusPage();
        driver.executeScript("window.notReloaded = true");
        supervisord.rpc(RealSupervisord.call("supervisor.startProcess", "idle"));
        awaitShownState("idle", "running");
        supervisord.rpc(RealSupervisord.call("supervisor.stopProcess", "idle"));
        awaitShownState("idle", "stopped");
        assertThat(driver.executeScript("return window.notReloaded === true")).isEqualTo(true);
    }

    @Test
    @Order(4)
    void aPageOpenedBeforeADaemonRestartPicksUpTheNewTokenByItself() {
        openStatusPage();
        driver.executeScript("window.notReloaded = true");
        int refusedBefore = server.refused().size();
        server.rotateToken();
        click("sleeper", "stop");
        awaitShownState("sleeper", "stopped");
        assertThat(message()).isEqualTo("Process sleeper stopped");
        click("sleeper", "start");
        awaitShownState("sleeper", "running");
        assertThat(server.refused().size()).as("calls refused with the old token").isGreaterThan(refusedBefore);
        assertThat(driver.executeScript("return window.notReloaded === true")).isEqualTo(true);
    }

    @Test
    @Order(4)
    void theFilterShowsMatchingRowsAndCanBeBookmarked() {
        openStatusPage();
        driver.findElement(By.id("filter")).sendKeys("work");
        await().atMost(Duration.ofSeconds(5)).until(() -> visibleRows().equals(List.of("worker:worker_0", "worker:worker_1")));
        assertThat(driver.getCurrentUrl()).endsWith("#work");
        driver.get(server.baseUrlWithCredentials() + "index.html#sleep");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> visibleRows().equals(List.of("sleeper")));
        driver.get(server.baseUrlWithCredentials() + "index.html#talk");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> visibleRows().equals(List.of("talker")));
        driver.get(server.baseUrlWithCredentials() + "#%E0%A4%A");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> visibleRows().size() == ALL.size());
    }

    private List<String> visibleRows() {
        return driver.findElements(By.cssSelector("tr.process")).stream().filter(WebElement::isDisplayed)
                .map(tr -> tr.getAttribute("data-ns")).collect(Collectors.toList());
    }

    @Test
    @Order(5)
    void aFailedStartIsReportedInTheMessage() {
        openStatusPage();
        click("broken", "start");
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> message().startsWith("ERROR: Process broken:"));
        assertThat(driver.findElement(By.id("message")).getAttribute("class")).contains("error");
    }

    @Test
    @Order(6)
    void groupActionsStopAndStartEveryProcessInTheGroup() {
        openStatusPage();
        WebElement group = driver.findElement(By.cssSelector("tbody[data-group='worker']"));
        assertThat(group.findElement(By.cssSelector(".group-row")).isDisplayed()).isTrue();
        group.findElement(By.cssSelector("button[data-act='group-stop']")).click();
        awaitShownState("worker:worker_0", "stopped");
        awaitShownState("worker:worker_1", "stopped");
        assertThat(message()).startsWith("Group worker stopped");
        driver.findElement(By.cssSelector("tbody[data-group='worker'] button[data-act='group-start']")).click();
        awaitShownState("worker:worker_0", "running");
        awaitShownState("worker:worker_1", "running");
        // A single-process group named like its program has no header row.
        assertThat(driver.findElement(By.cssSelector("tbody[data-group='sleeper'] .group-row")).isDisplayed()).isFalse();
    }

    @Test
    @Order(7)
    void tailsStdoutAndStderrLiveInThePageAndShowsOutputAsText() {
        openStatusPage();
        click("talker", "tailstdout");
        WebElement output = driver.findElement(By.id("tail-output"));
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getText().contains("<b>bold</b> & more"));
        int first = lastCounter(output.getText(), "out ");
        await("new lines arrive while the page is open").atMost(Duration.ofSeconds(10))
                .until(() -> lastCounter(output.getText(), "out ") >= first + 3);
        assertThat(output.findElements(By.xpath("./*"))).isEmpty();
        assertCountersAreContiguous(output.getText(), "out ");
        await("the tail keeps its newest line in view").atMost(Duration.ofSeconds(5))
                .until(() -> scrolledToBottom(output));
        Browser.resizeViewport(driver, 390, 700); // a phone: the panel's height changes
        await("the tail keeps its newest line in view after a resize").atMost(Duration.ofSeconds(5))
                .until(() -> scrolledToBottom(output));
        driver.executeScript("arguments[0].scrollTop = 0", output); // the reader scrolls back
        int lines = output.getText().split("\n").length;
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getText().split("\n").length > lines + 2);
        assertThat(driver.executeScript("return arguments[0].scrollTop", output))
                .as("the tail leaves a reader who scrolled back where they are").isEqualTo(0L);
        Browser.resizeViewport(driver, 1280, 900);

        driver.findElement(By.id("tail-stderr")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getText().contains("err ")
                && !output.getText().contains("out "));
        assertThat(driver.findElement(By.id("tail-title")).getText()).isEqualTo("talker stderr");
    }

    @Test
    @Order(8)
    void theBookmarkableTailPageFollowsTheLog() {
        driver.get(server.baseUrlWithCredentials() + "tail.html?processname=talker");
        WebElement output = driver.findElement(By.id("tail-output"));
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getText().contains("out "));
        int first = lastCounter(output.getText(), "out ");
        await().atMost(Duration.ofSeconds(10)).until(() -> lastCounter(output.getText(), "out ") >= first + 2);
        assertCountersAreContiguous(output.getText(), "out ");
        assertThat(driver.getTitle()).isEqualTo("Supervisor tail of talker stdout");

        driver.get(server.baseUrlWithCredentials() + "tail.html?processname=nosuch");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> driver.findElement(By.id("tail-status")).getText().contains("No such process: nosuch"));
    }

    @Test
    @Order(9)
    void clearingALogWhileTailingItIsShownAndTheTailGoesOn() {
        openStatusPage();
        click("talker", "tailstdout");
        WebElement output = driver.findElement(By.id("tail-output"));
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getText().contains("out "));
        click("talker", "clearlog");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> message().equals("Log for talker cleared"));
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getText().contains("[log cleared or rotated]"));
        String afterClear = output.getText().substring(output.getText().indexOf("[log cleared or rotated]"));
        int first = lastCounter(afterClear, "out ");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String t = output.getText();
            return lastCounter(t.substring(t.indexOf("[log cleared or rotated]")), "out ") >= first + 2;
        });
    }

    @Test
    @Order(15)
    void thePagesRunWithoutScriptErrorsOrPolicyViolations() {
        Browser.severeConsoleMessages(driver); // drop what earlier tests left
        openStatusPage();
        click("talker", "tailstderr");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                driver.findElement(By.id("tail-output")).getText().contains("err "));
        driver.get(server.baseUrlWithCredentials() + "tail.html?processname=talker");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                driver.findElement(By.id("tail-output")).getText().contains("out "));
        assertThat(Browser.severeConsoleMessages(driver)).isEmpty();
    }

    @Test
    @Order(16)
    void theXmlRpcCodecHandlesEveryTypeFaultsAndBytesXmlForbids() {
        openStatusPage();
        Object decoded = driver.executeScript(
                "const xml = '<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>'"
                + " + '<member><name>s</name><value><string>a &amp; &lt;b&gt;</string></value></member>'"
                + " + '<member><name>bare</name><value>plain</value></member>'"
                + " + '<member><name>i</name><value><i4>-7</i4></value></member>'"
                + " + '<member><name>big</name><value><i8>4294967296</i8></value></member>'"
                + " + '<member><name>d</name><value><double>1.5</double></value></member>'"
                + " + '<member><name>t</name><value><boolean>1</boolean></value></member>'"
                + " + '<member><name>n</name><value><nil/></value></member>'"
                + " + '<member><name>b</name><value><base64>aMOpbGxv</base64></value></member>'"
                + " + '<member><name>a</name><value><array><data><value><int>1</int></value>'"
                + " + '<value><string>x</string></value></data></array></value></member>'"
                + " + '</struct></value></param></params></methodResponse>';"
                + "return JSON.stringify(XmlRpc.decodeResponse(xml));");
        assertThat(decoded).isEqualTo("{\"s\":\"a & <b>\",\"bare\":\"plain\",\"i\":-7,\"big\":4294967296,"
                + "\"d\":1.5,\"t\":true,\"n\":null,\"b\":\"h\u00e9llo\",\"a\":[1,\"x\"]}");

        Object fault = driver.executeScript(
                "try {"
                + " XmlRpc.decodeResponse('<methodResponse><fault><value><struct><member><name>faultCode</name>'"
                + " + '<value><int>10</int></value></member><member><name>faultString</name>'"
                + " + '<value><string>BAD_NAME: x</string></value></member></struct></value></fault></methodResponse>');"
                + " return 'no fault';"
                + "} catch (e) { return e.name + ' ' + e.code + ' ' + e.faultName + ' ' + e.message; }");
        assertThat(fault).isEqualTo("Fault 10 BAD_NAME BAD_NAME: x");

        // Raw ESC and NUL characters and character references to them: both ill-formed XML 1.0.
        Object controlChars = driver.executeScript(
                "return XmlRpc.decodeResponse('<methodResponse><params><param><value><string>'"
                + " + '\\u001b[31mred\\u001b[0m &#27;[1mbold&#27;[0m nul\\u0000 bell&#7;</string>'"
                + " + '</value></param></params></methodResponse>');");
        assertThat(controlChars).isEqualTo("red bold nul\ufffd bell\ufffd");

        Object encoded = driver.executeScript(
                "return XmlRpc.encodeCall('supervisor.x', [['<a>&', true, 3, 2.5, [1], {k: 'v'}]])");
        assertThat(encoded).isEqualTo("<?xml version=\"1.0\"?>\n<methodCall><methodName>supervisor.x"
                + "</methodName><params><param><value><array><data><value><string>&lt;a&gt;&amp;</string></value>"
                + "<value><boolean>1</boolean></value><value><int>3</int></value><value><double>2.5</double></value>"
                + "<value><array><data><value><int>1</int></value></data></array></value><value><struct><member>"
                + "<name>k</name><value><string>v</string></value></member></struct></value></data></array>"
                + "</value></param></params></methodCall>");
    }

    @Test
    @Order(10)
    void aForgedGetOfSupervisorsActionLinksChangesNothing() {
        openStatusPage();
        int before = server.forwarded().size();
        for (String forged : List.of("index.html?processname=sleeper&action=stop", "index.html?action=stopall",
                "?action=restartall", "index.html?processname=talker&action=clearlog")) {
            driver.get(server.baseUrlWithCredentials() + forged);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> driver.findElements(By.cssSelector("tr.process")).size() == ALL.size());
        }
        // The pages polled the daemon (so they ran) but asked for nothing but information.
        List<String> sent = server.forwarded().subList(before, server.forwarded().size());
        assertThat(sent).isNotEmpty().allSatisfy(body -> assertThat(body).containsPattern(
                "<methodName>supervisor\\.get(AllProcessInfo|Identification|SupervisorVersion|State)</methodName>"));
        assertThat(supervisord.stateOf("sleeper")).isEqualTo("RUNNING");
        assertThat(supervisord.stateOf("talker")).isEqualTo("RUNNING");
    }

    @Test
    @Order(11)
    void aCrossSiteFormPostToRpc2IsRefused() throws Exception {
        openStatusPage(); // the browser now holds the credentials, as a logged-in sysadmin's would
        String rpc2 = server.baseUrl() + "RPC2";
        try (EvilSite evil = new EvilSite(rpc2)) {
            driver.get(evil.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> !server.refused().isEmpty());
        }
        assertThat(server.refused().get(0)).contains("supervisor.stopProcess");
        assertThat(supervisord.stateOf("sleeper")).isEqualTo("RUNNING");
    }

    @Test
    @Order(12)
    void screenshotsAtDesktopAndPhoneWidths() throws IOException {
        Browser.resizeViewport(driver, 1280, 1250);
        openStatusPage();
        click("talker", "tailstdout");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                driver.findElement(By.id("tail-output")).getText().contains("out "));
        driver.executeScript("window.scrollTo(0, 0)");
        Browser.screenshot(driver, screenshots().resolve("status-desktop.png"));
        Browser.screenshot(driver, 390, 844, screenshots().resolve("status-phone.png"));
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of(
                "features", List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        Browser.screenshot(driver, 1280, 1000, screenshots().resolve("status-desktop-dark.png"));
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of()));
        click("talker", "tailstderr");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                driver.findElement(By.id("tail-output")).getText().contains("err "));
        Browser.resizeViewport(driver, 390, 844); // chromedriver's click may restore the window
        driver.executeScript("document.getElementById('tail').scrollIntoView()");
        Browser.screenshot(driver, screenshots().resolve("status-phone-tail.png"));
        driver.get(server.baseUrlWithCredentials() + "tail.html?processname=talker&channel=stderr");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                driver.findElement(By.id("tail-output")).getText().contains("err "));
        Browser.screenshot(driver, 1280, 700, screenshots().resolve("tail-desktop.png"));
        Browser.screenshot(driver, 390, 844, screenshots().resolve("tail-phone.png"));
        assertThat(screenshots().resolve("status-phone.png")).exists();
    }

    @Test
    @Order(13)
    void restartAllAsksFirstThenRestartsEverything() {
        openStatusPage();
        String pidBefore = row("sleeper").findElement(By.cssSelector(".desc")).getText();
        driver.findElement(By.id("restartall")).click();
        driver.switchTo().alert().accept();
        await().atMost(Duration.ofSeconds(40)).ignoreExceptions()
                .until(() -> message().contains("All restarted"));
        awaitShownState("sleeper", "running");
        assertThat(row("sleeper").findElement(By.cssSelector(".desc")).getText()).isNotEqualTo(pidBefore);
    }

    @Test
    @Order(14)
    void stopAllDoesNothingWhenTheQuestionIsDismissed() {
        openStatusPage();
        int before = server.forwarded().size();
        driver.findElement(By.id("stopall")).click();
        driver.switchTo().alert().dismiss();
        // Let anything the click might have sent arrive: a refresh asked for afterwards must
        // reach the daemon first.
        driver.findElement(By.id("refresh")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> message().equals("Page refreshed")
                && server.forwarded().subList(before, server.forwarded().size()).stream()
                        .anyMatch(body -> body.contains("getAllProcessInfo")));
        assertThat(server.forwarded().subList(before, server.forwarded().size()))
                .noneMatch(body -> body.contains("stopAllProcesses"));
        assertThat(supervisord.stateOf("sleeper")).isEqualTo("RUNNING");
    }

    private boolean scrolledToBottom(WebElement pre) {
        return (Boolean) driver.executeScript("const o = arguments[0]; return o.scrollHeight > o.clientHeight"
                + " && o.scrollTop + o.clientHeight >= o.scrollHeight - 2", pre);
    }

    private static int lastCounter(String text, String prefix) {
        int last = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                String n = line.substring(prefix.length()).split(" ")[0];
                last = Integer.parseInt(n);
            }
        }
        return last;
    }

    /** Lines "out N" follow each other with no gap and no repeat: the byte arithmetic is right. */
    private static void assertCountersAreContiguous(String text, String prefix) {
        int previous = -1;
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            int n = Integer.parseInt(line.substring(prefix.length()).split(" ")[0]);
            if (previous >= 0) {
                assertThat(n).as("line after %d in:%n%s", previous, text).isEqualTo(previous + 1);
            }
            previous = n;
        }
    }
}
