package org.jsupervisor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jsupervisor.packaging.DaemonFixture.alive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code supervisord -c FILE} without {@code -n}, through the launcher script as users and init
 * scripts run it, side by side with Supervisor 4.2.5: it returns 0 once the daemon is up, stays
 * attached when the configuration says nodaemon, and reports a refused start with the same
 * lines and status.
 */
class LauncherDetachIT {
    private DaemonFixture fx;

    @BeforeEach
    void makeRoot() throws Exception {
        fx = new DaemonFixture();
    }

    @AfterEach
    void killLeftovers() throws Exception {
        fx.close();
    }

    private Run start(Path daemon) throws Exception {
        return Run.of(List.of(daemon.toString(), "-c", fx.config().toString()), Map.of(), fx.dir,
                Duration.ofSeconds(60));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsupervisor", "python"})
    void returnsZeroOnceTheDetachedDaemonIsUpInItsOwnSession(String which) throws Exception {
        Path daemon = DaemonFixture.daemon(which);
        fx.writeConfig("");
        Run r = start(daemon);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).isEmpty();
        // Supervisor's parent returns as soon as it has forked; its child writes the pidfile after
        long pid = await().atMost(DaemonFixture.WAIT).until(() -> DaemonFixture.pidIn(fx.pidfile()),
                java.util.Optional::isPresent).get();
        assertThat(alive(pid)).isTrue();
        assertThat(fx.childPid(-1)).isPositive();
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // state ppid pgrp session
        assertThat(Long.parseLong(f[3])).as("session leader").isEqualTo(pid);

        // A second start is refused with Supervisor's words and status; the first daemon stays.
        Run again = start(daemon);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.output()).isEqualTo("Error: Another program is already listening on a port that one of our "
                + "HTTP servers is configured to use.  Shut this program down first before starting supervisord.\n"
                + "For help, use " + daemon + " -h\n");
        assertThat(alive(pid)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsupervisor", "python"})
    void staysAttachedWhenTheConfigurationSaysNodaemon(String which) throws Exception {
        Path daemon = DaemonFixture.daemon(which);
        fx.writeConfig("");
        Files.writeString(fx.config(), Files.readString(fx.config()).replace("[supervisord]\n",
                "[supervisord]\nnodaemon = true\n"));
        Process p = new ProcessBuilder(daemon.toString(), "-c", fx.config().toString())
                .redirectErrorStream(true).redirectOutput(fx.dir.resolve("fg.out").toFile()).start();
        try {
            fx.childPid(-1);
            assertThat(p.isAlive()).as("still in the foreground").isTrue();
            assertThat(DaemonFixture.pidIn(fx.pidfile())).contains(p.pid());
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsupervisor", "python"})
    void aConfigurationErrorIsPrintedAndExitsTwoWithoutDetaching(String which) throws Exception {
        Path daemon = DaemonFixture.daemon(which);
        fx.writeConfig("[program:broken]\n");
        Run r = start(daemon);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).startsWith("Error: ").contains("broken")
                .endsWith("For help, use " + daemon + " -h\n");
        assertThat(fx.pidfile()).doesNotExist();
    }
}
