package org.jsupervisor.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.jsupervisor.webui.testing.Browser;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The in-page tail panel, the bookmarkable tail page, the XML-RPC codec, and screenshots at
 * desktop and phone widths, in headless Chromium against the reference supervisord.
 */
class TailBrowserTest extends BrowserTestBase {

    @Test
    @Order(1)
    void tailsStdoutAndStderrLiveInThePageAndShowsOutputAsText() {
        openStatusPage();
        click("talker", "tailstdout");
        WebElement output = driver.findElement(By.id("tail-output"));
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getText().contains("<b>bold</b> & more"));
        int first = lastCounter(output.getText(), "out ");
        await("new lines arrive while the page is open").atMost(Duration.ofSeconds(20))
                .until(() -> lastCounter(output.getText(), "out ") >= first + 3);
        assertThat(output.findElements(By.xpath("./*"))).isEmpty();
        assertCountersAreContiguous(output.getText(), "out ");
        await("the tail keeps its newest line in view").atMost(Duration.ofSeconds(10))
                .until(() -> scrolledToBottom(output));
        Browser.resizeViewport(driver, 390, 700); // a phone: the panel's height changes
        await("the tail keeps its newest line in view after a resize").atMost(Duration.ofSeconds(10))
                .until(() -> scrolledToBottom(output));
        driver.executeScript("arguments[0].scrollTop = 0", output); // the reader scrolls back
        int lines = output.getText().split("\n").length;
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getText().split("\n").length > lines + 2);
        assertThat(driver.executeScript("return arguments[0].scrollTop", output))
                .as("the tail leaves a reader who scrolled back where they are").isEqualTo(0L);
        Browser.resizeViewport(driver, 1280, 900);

        driver.findElement(By.id("tail-stderr")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getText().contains("err ")
                && !output.getText().contains("out "));
        assertThat(driver.findElement(By.id("tail-title")).getText()).isEqualTo("talker stderr");
    }

    @Test
    @Order(1)
    void saysSoWhenAProcessHasNoStderrLog() {
        openStatusPage();
        click("merged", "tailstderr");
        WebElement output = driver.findElement(By.id("tail-output"));
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getText().contains("[merged has no stderr log file"));
        driver.findElement(By.id("tail-stdout")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getText().contains("merged-out")
                && output.getText().contains("merged-err"));
    }

    @Test
    @Order(2)
    void theBookmarkableTailPageFollowsTheLog() {
        driver.get(server.baseUrlWithCredentials() + "tail.html?processname=talker");
        WebElement output = driver.findElement(By.id("tail-output"));
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getText().contains("out "));
        int first = lastCounter(output.getText(), "out ");
        await().atMost(Duration.ofSeconds(20)).until(() -> lastCounter(output.getText(), "out ") >= first + 2);
        assertCountersAreContiguous(output.getText(), "out ");
        assertThat(driver.getTitle()).isEqualTo("Supervisor tail of process talker");

        driver.get(server.baseUrlWithCredentials() + "tail.html?processname=nosuch");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> driver.findElement(By.id("tail-status")).getText().contains("No such process: nosuch"));
    }

    @Test
    @Order(3)
    void clearingALogWhileTailingItIsShownAndTheTailGoesOn() {
        openStatusPage();
        click("talker", "tailstdout");
        WebElement output = driver.findElement(By.id("tail-output"));
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getText().contains("out "));
        click("talker", "clearlog");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> message().equals("Log for talker cleared"));
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getText().contains("[log cleared or rotated]"));
        String afterClear = output.getText().substring(output.getText().indexOf("[log cleared or rotated]"));
        int first = lastCounter(afterClear, "out ");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String t = output.getText();
            return lastCounter(t.substring(t.indexOf("[log cleared or rotated]")), "out ") >= first + 2;
        });
    }

    @Test
    @Order(4)
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
    @Order(5)
    void screenshotsAtDesktopAndPhoneWidths() throws IOException {
        Browser.resizeViewport(driver, 1280, 1250);
        openStatusPage();
        click("talker", "tailstdout");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                driver.findElement(By.id("tail-output")).getText().contains("out "));
        driver.executeScript("window.scrollTo(0, 0)");
        Browser.screenshot(driver, screenshots().resolve("status-desktop.png"));
        Browser.screenshot(driver, 390, 844, screenshots().resolve("status-phone.png"));
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of(
                "features", List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        Browser.screenshot(driver, 1280, 1000, screenshots().resolve("status-desktop-dark.png"));
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of()));
        click("talker", "tailstderr");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                driver.findElement(By.id("tail-output")).getText().contains("err "));
        Browser.resizeViewport(driver, 390, 844); // chromedriver's click may restore the window
        driver.executeScript("document.getElementById('tail').scrollIntoView()");
        Browser.screenshot(driver, screenshots().resolve("status-phone-tail.png"));
        driver.get(server.baseUrlWithCredentials() + "tail.html?processname=talker&channel=stderr");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                driver.findElement(By.id("tail-output")).getText().contains("err "));
        Browser.screenshot(driver, 1280, 700, screenshots().resolve("tail-desktop.png"));
        Browser.screenshot(driver, 390, 844, screenshots().resolve("tail-phone.png"));
        assertThat(screenshots().resolve("status-phone.png")).exists();
    }
}
