package org.jsupervisor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jsupervisor.packaging.DaemonFixture.alive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /etc/init.d/supervisor driven through its actions against a real daemon, all in a
 * private directory: its JSUPERVISOR_DEFAULTS file points it at our configuration,
 * pidfile and daemon. "jsupervisor" is ours (bin/supervisord of the source tree);
 * "python" is Supervisor 4.2.5 where Debian's package is installed, which checks the
 * script against the daemon it imitates.
 */
class InitScriptIT {
    private static final Path SCRIPT = Build.packagingSrc("init/supervisor.init");

    private DaemonFixture fx;

    @BeforeEach
    void makeRoot() throws IOException {
        fx = new DaemonFixture();
    }

    @AfterEach
    void killLeftovers() throws Exception {
        fx.close();
    }

    private void configure(Path daemon, String extra) throws IOException {
        fx.writeConfig(extra);
        Files.writeString(fx.dir.resolve("defaults"), """
                DAEMON=%s
                CONFIG=%s
                PIDFILE=%s
                START_TIMEOUT=60
                STOP_TIMEOUT=30
                """.formatted(daemon, fx.config(), fx.pidfile()));
    }

    private Run script(String action) throws Exception {
        return Run.of(List.of("sh", SCRIPT.toString(), action),
                Map.of("JSUPERVISOR_DEFAULTS", fx.dir.resolve("defaults").toString()), fx.dir, Duration.ofSeconds(150));
    }

    private long daemonPid() throws IOException {
        return DaemonFixture.pidIn(fx.pidfile()).orElseThrow(() -> new AssertionError("no pidfile"));
    }

    private void assertExit(Run run, int code) {
        assertThat(run.exitCode()).as("exit code; output:\n%s", run.output()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsupervisor", "python"})
    void startsReportsRestartsReloadsAndStopsTheDaemonAndItsPrograms(String which) throws Exception {
        configure(DaemonFixture.daemon(which), "");

        assertExit(script("status"), 3);

        assertExit(script("start"), 0);
        long first = daemonPid();
        assertThat(alive(first)).isTrue();
        long child = fx.childPid(-1);
        assertExit(script("status"), 0);
        assertThat(script("status").output()).contains("running");

        // Starting a running daemon is a success that changes nothing.
        assertExit(script("start"), 0);
        assertThat(daemonPid()).isEqualTo(first);

        // reload: HUP; the same daemon rereads its configuration and restarts its programs.
        assertExit(script("reload"), 0);
        long reloadedChild = fx.childPid(child);
        assertThat(alive(first)).isTrue();
        assertThat(alive(child)).isFalse();
        assertExit(script("force-reload"), 0);
        reloadedChild = fx.childPid(reloadedChild);
        assertThat(daemonPid()).isEqualTo(first);

        assertExit(script("restart"), 0);
        long second = daemonPid();
        assertThat(second).isNotEqualTo(first);
        assertThat(alive(first)).isFalse();
        assertThat(alive(reloadedChild)).as("programs stop with the old daemon").isFalse();
        long restartedChild = fx.childPid(reloadedChild);

        assertExit(script("stop"), 0);
        assertThat(alive(second)).isFalse();
        assertThat(alive(restartedChild)).as("programs stop with the daemon").isFalse();
        assertThat(fx.pidfile()).doesNotExist();
        assertExit(script("status"), 3);

        // Stopping a stopped daemon succeeds; reloading one fails with "not running".
        assertExit(script("stop"), 0);
        assertExit(script("force-reload"), 7);
        assertExit(script("try-restart"), 0);
        assertExit(script("status"), 3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsupervisor", "python"})
    void aPidfileLeftByACrashReadsAsDeadAndDoesNotStopTheNextStart(String which) throws Exception {
        configure(DaemonFixture.daemon(which), "");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(fx.pidfile(), gone.pid() + "\n");

        assertExit(script("status"), 1);
        assertThat(script("status").output()).contains("not running");
        assertExit(script("start"), 0);
        assertThat(daemonPid()).isNotEqualTo(gone.pid());
        fx.childPid(-1);
        assertExit(script("status"), 0);
        assertExit(script("stop"), 0);
        assertExit(script("status"), 3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsupervisor", "python"})
    void startFailsWhenTheDaemonRefusesItsConfiguration(String which) throws Exception {
        configure(DaemonFixture.daemon(which), "\n[program:broken]\n");
        assertExit(script("start"), 1);
        assertExit(script("status"), 3);
    }

    @Test
    void reportsAMissingDaemonConfigurationOrActionWithLsbCodes() throws Exception {
        configure(fx.dir.resolve("no-such-daemon"), "");
        assertExit(script("start"), 5);
        configure(Path.of("/bin/true"), "");
        Files.delete(fx.config());
        assertExit(script("start"), 6);
        Run usage = script("bogus");
        assertExit(usage, 2);
        assertThat(usage.output()).contains("Usage:");
        assertExit(script("status"), 3);
    }
}
