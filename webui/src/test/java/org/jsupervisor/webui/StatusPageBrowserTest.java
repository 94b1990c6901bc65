package org.jsupervisor.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.jsupervisor.webui.testing.Browser;
import org.jsupervisor.webui.testing.RealSupervisord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The status page in headless Chromium against the reference supervisord: every process and
 * state, actions that change rows without a reload, group and global actions, and the
 * cross-site attacks that must do nothing.
 */
class StatusPageBrowserTest extends BrowserTestBase {

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
        await().atMost(Duration.ofSeconds(20)).until(() ->
                driver.findElement(By.id("identity")).getText().equals("webui-test"));
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
        awaitMessage(m -> m.equals("Process sleeper stopped"));
        assertThat(row("sleeper").findElement(By.cssSelector("button[data-act='stop']")).isEnabled()).isFalse();

        click("sleeper", "start");
        awaitShownState("sleeper", "running");
        awaitMessage(m -> m.equals("Process sleeper started"));
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
    @Order(5)
    void aPageOpenedBeforeADaemonRestartPicksUpTheNewTokenByItself() {
        openStatusPage();
        driver.executeScript("window.notReloaded = true");
        int refusedBefore = server.refused().size();
        server.rotateToken();
        click("sleeper", "stop");
        awaitShownState("sleeper", "stopped");
        awaitMessage(m -> m.equals("Process sleeper stopped"));
        click("sleeper", "start");
        awaitShownState("sleeper", "running");
        assertThat(server.refused().size()).as("calls refused with the old token").isGreaterThan(refusedBefore);
        assertThat(driver.executeScript("return window.notReloaded === true")).isEqualTo(true);
    }

    @Test
    @Order(6)
    void theFilterShowsMatchingRowsAndCanBeBookmarked() {
        openStatusPage();
        driver.findElement(By.id("filter")).sendKeys("work");
        await().atMost(Duration.ofSeconds(10)).until(() -> visibleRows().equals(List.of("worker:worker_0", "worker:worker_1")));
        assertThat(driver.getCurrentUrl()).endsWith("#work");
        driver.get(server.baseUrlWithCredentials() + "index.html#sleep");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> visibleRows().equals(List.of("sleeper")));
        driver.get(server.baseUrlWithCredentials() + "index.html#talk");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> visibleRows().equals(List.of("talker")));
        driver.get(server.baseUrlWithCredentials() + "#%E0%A4%A");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> visibleRows().size() == ALL.size());
    }

    @Test
    @Order(6)
    void whenTheDaemonCannotBeReachedThePageSaysSoAndRecoversByItself() {
        openStatusPage();
        server.setBackendDown(true);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                driver.findElement(By.id("connection")).getText().equals("Not up to date: supervisord answered HTTP 502"));
        assertThat(driver.findElement(By.id("processes")).getAttribute("class")).contains("stale");
        assertThat(driver.findElements(By.cssSelector("tr.process"))).hasSize(ALL.size());
        server.setBackendDown(false);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                !driver.findElement(By.id("connection")).isDisplayed());
        assertThat(driver.findElement(By.id("processes")).getAttribute("class")).doesNotContain("stale");
    }

    @Test
    @Order(7)
    void aFailedStartIsReportedInTheMessage() {
        openStatusPage();
        click("broken", "start");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> message().startsWith("ERROR: Process broken:"));
        assertThat(driver.findElement(By.id("message")).getAttribute("class")).contains("error");
    }

    @Test
    @Order(8)
    void groupActionsStopAndStartEveryProcessInTheGroup() {
        openStatusPage();
        WebElement group = driver.findElement(By.cssSelector("tbody[data-group='worker']"));
        assertThat(group.findElement(By.cssSelector(".group-row")).isDisplayed()).isTrue();
        group.findElement(By.cssSelector("button[data-act='group-stop']")).click();
        awaitShownState("worker:worker_0", "stopped");
        awaitShownState("worker:worker_1", "stopped");
        awaitMessage(m -> m.startsWith("Group worker stopped"));
        driver.findElement(By.cssSelector("tbody[data-group='worker'] button[data-act='group-start']")).click();
        awaitShownState("worker:worker_0", "running");
        awaitShownState("worker:worker_1", "running");
        // A single-process group named like its program has no header row.
        assertThat(driver.findElement(By.cssSelector("tbody[data-group='sleeper'] .group-row")).isDisplayed()).isFalse();
    }

    @Test
    @Order(9)
    void aForgedGetOfSupervisorsActionLinksChangesNothing() {
        openStatusPage();
        int before = server.forwarded().size();
        for (String forged : List.of("index.html?processname=sleeper&action=stop", "index.html?action=stopall",
                "?action=restartall", "index.html?processname=talker&action=clearlog")) {
            driver.get(server.baseUrlWithCredentials() + forged);
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> driver.findElements(By.cssSelector("tr.process")).size() == ALL.size());
            assertThat(message()).endsWith("Nothing was done.");
            assertThat(driver.getCurrentUrl()).doesNotContain("action=");
        }
        // The pages polled the daemon (so they ran) but asked for nothing but information.
        List<String> sent = server.forwarded().subList(before, server.forwarded().size());
        assertThat(sent).isNotEmpty().allSatisfy(body -> assertThat(body).containsPattern(
                "<methodName>supervisor\\.get(AllProcessInfo|Identification|SupervisorVersion|State)</methodName>"));
        assertThat(supervisord.stateOf("sleeper")).isEqualTo("RUNNING");
        assertThat(supervisord.stateOf("talker")).isEqualTo("RUNNING");
    }

    @Test
    @Order(10)
    void aCrossSiteFormPostToRpc2IsRefused() throws Exception {
        openStatusPage(); // the browser now holds the credentials, as a logged-in sysadmin's would
        String rpc2 = server.baseUrl() + "RPC2";
        try (EvilSite evil = new EvilSite(rpc2)) {
            driver.get(evil.url());
            await().atMost(Duration.ofSeconds(20)).until(() -> !server.refused().isEmpty());
        }
        assertThat(server.refused().get(0)).contains("supervisor.stopProcess");
        assertThat(supervisord.stateOf("sleeper")).isEqualTo("RUNNING");
    }

    @Test
    @Order(11)
    void thePagesRunWithoutScriptErrorsOrPolicyViolations() {
        Browser.severeConsoleMessages(driver); // drop what earlier tests left
        openStatusPage();
        click("talker", "tailstderr");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                driver.findElement(By.id("tail-output")).getText().contains("err "));
        driver.get(server.baseUrlWithCredentials() + "tail.html?processname=talker");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                driver.findElement(By.id("tail-output")).getText().contains("out "));
        assertThat(Browser.severeConsoleMessages(driver)).isEmpty();
    }

    @Test
    @Order(12)
    void restartAllAsksFirstThenRestartsEverything() {
        openStatusPage();
        String pidBefore = pidShown("sleeper");
        driver.findElement(By.id("restartall")).click();
        driver.switchTo().alert().accept();
        await().atMost(Duration.ofSeconds(40)).ignoreExceptions()
                .until(() -> message().contains("All restarted"));
        await("sleeper shown running with a new pid").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> shownState("sleeper").equals("running") && !pidShown("sleeper").equals(pidBefore));
        assertThat(supervisord.stateOf("sleeper")).isEqualTo("RUNNING");
    }

    private String pidShown(String namespec) {
        String desc = row(namespec).findElement(By.cssSelector(".desc")).getText();
        return desc.substring(0, desc.indexOf(','));
    }

    @Test
    @Order(13)
    void stopAllDoesNothingWhenTheQuestionIsDismissed() {
        openStatusPage();
        int before = server.forwarded().size();
        driver.findElement(By.id("stopall")).click();
        driver.switchTo().alert().dismiss();
        // Let anything the click might have sent arrive: a refresh asked for afterwards must
        // reach the daemon first.
        driver.findElement(By.id("refresh")).click();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> message().equals("Page refreshed")
                && server.forwarded().subList(before, server.forwarded().size()).stream()
                        .anyMatch(body -> body.contains("getAllProcessInfo")));
        assertThat(server.forwarded().subList(before, server.forwarded().size()))
                .noneMatch(body -> body.contains("stopAllProcesses"));
        assertThat(supervisord.stateOf("sleeper")).isEqualTo("RUNNING");
    }

    @Test
    @Order(14)
    void serverRenderedRowsShowUntilTheFirstAnswerThenGiveWayWithoutDuplicates() throws Exception {
        // What the server rendered at page load, deliberately out of date: a stale state, a
        // process the daemon does not have, and the name that needs escaping.
        StatusSource stale = new StatusSource() {
            @Override
            public List<StatusSource.ProcessRow> processes() {
                return List.of(new StatusSource.ProcessRow("ghost", "ghost", "RUNNING", "pid 1, uptime 0:00:01"),
                        new StatusSource.ProcessRow("sleeper", "sleeper", "STOPPED", "Not started"),
                        new StatusSource.ProcessRow(ESCAPE_NAME, ESCAPE_NAME, "FATAL", "<b>stale</b>"));
            }

            @Override
            public StatusSource.LogExcerpt tail(String namespec, String channel, int maxBytes) {
                return StatusSource.LogExcerpt.of("");
            }
        };
        server.setStatusSource(stale);
        server.setBackendDown(true);
        try {
            driver.get(server.baseUrlWithCredentials());
            // Until the daemon answers, the server's rows are the table.
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    driver.findElement(By.id("connection")).isDisplayed());
            assertThat(driver.findElements(By.cssSelector("tr.process")).stream()
                    .map(tr -> tr.getAttribute("data-ns")).toList()).containsExactly("ghost", "sleeper", ESCAPE_NAME);
            assertThat(shownState("sleeper")).isEqualTo("stopped");
            assertThat(row(ESCAPE_NAME).findElement(By.cssSelector(".badge")).getAttribute("class"))
                    .contains("statuserror");
            assertThat(row(ESCAPE_NAME).findElement(By.cssSelector(".desc")).getText()).isEqualTo("<b>stale</b>");
            assertThat(driver.findElements(By.cssSelector("#processes b, #processes i"))).isEmpty();

            server.setBackendDown(false);
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> shownState("sleeper").equals("running"));
            List<String> shown = driver.findElements(By.cssSelector("tr.process")).stream()
                    .map(tr -> tr.getAttribute("data-ns")).collect(Collectors.toList());
            assertThat(shown).containsExactlyInAnyOrderElementsOf(ALL).doesNotHaveDuplicates();
            assertThat(driver.findElements(By.cssSelector("tbody[data-static]"))).isEmpty();
            assertThat(row("sleeper").findElement(By.cssSelector(".badge")).getAttribute("class"))
                    .contains("state-running", "statusrunning");
            assertThat(row("broken").findElement(By.cssSelector(".badge")).getAttribute("class"))
                    .contains("statuserror");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> shownState("oneshot").equals("exited"));
            assertThat(row("oneshot").findElement(By.cssSelector(".badge")).getAttribute("class"))
                    .contains("statusnominal");
            // The live rows have their buttons; stopping still works on them.
            click("sleeper", "stop");
            awaitShownState("sleeper", "stopped");
            click("sleeper", "start");
            awaitShownState("sleeper", "running");
            assertThat(driver.findElements(By.cssSelector("tr.process"))).hasSize(ALL.size());
            assertThat(Browser.severeConsoleMessages(driver)).noneMatch(m -> !m.contains("502"));
        } finally {
            server.setBackendDown(false);
            server.setStatusSource(null);
        }
    }
}
