package org.jsupervisor.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the browser tests share: the reference supervisord with a few programs, a test server
 * that does what the control plane will (basic auth, the CSRF check on /RPC2, forwarding to
 * supervisord), headless Chromium, and helpers to read the page. One set per test class;
 * tests in a class run in order and leave every process as they found it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BrowserTestBase {

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

            [program:merged]
            command=/bin/sh -c 'echo merged-out; echo merged-err >&2; exec sleep 1000'
            redirect_stderr=true
            startsecs=0

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

    static final List<String> ALL = List.of("broken", "idle", "merged", "oneshot", "sleeper", "talker",
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
        await().atMost(Duration.ofSeconds(30)).until(() -> supervisord.stateOf("broken").equals("FATAL")
                && supervisord.stateOf("oneshot").equals("EXITED") && supervisord.stateOf("talker").equals("RUNNING")
                && supervisord.stateOf("sleeper").equals("RUNNING")); // startsecs=1: settled before any page shows it
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

    void openStatusPage() {
        driver.get(server.baseUrlWithCredentials());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> driver.findElements(By.cssSelector("tr.process")).size() == ALL.size());
    }

    WebElement row(String namespec) {
        return driver.findElements(By.cssSelector("tr.process")).stream()
                .filter(tr -> namespec.equals(tr.getAttribute("data-ns")))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + namespec));
    }

    String shownState(String namespec) {
        return row(namespec).findElement(By.cssSelector(".badge")).getText();
    }

    void click(String namespec, String action) {
        row(namespec).findElement(By.cssSelector("button[data-act='" + action + "']")).click();
    }

    void awaitShownState(String namespec, String state) {
        await(namespec + " shown as " + state).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> shownState(namespec).equals(state));
    }

    /** Waits for the action's answer: the row may show the new state before the call returns. */
    void awaitMessage(java.util.function.Predicate<String> expected) {
        await("message").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> expected.test(message()));
    }

    String message() {
        return driver.findElement(By.id("message-text")).getText();
    }

    Path screenshots() {
        return Path.of("target", "screenshots");
    }

    List<String> visibleRows() {
        return driver.findElements(By.cssSelector("tr.process")).stream().filter(WebElement::isDisplayed)
                .map(tr -> tr.getAttribute("data-ns")).collect(Collectors.toList());
    }

    boolean scrolledToBottom(WebElement pre) {
        return (Boolean) driver.executeScript("const o = arguments[0]; return o.scrollHeight > o.clientHeight"
                + " && o.scrollTop + o.clientHeight >= o.scrollHeight - 2", pre);
    }

    static int lastCounter(String text, String prefix) {
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
    static void assertCountersAreContiguous(String text, String prefix) {
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
