package org.jsupervisor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SCRIPT = Build.packagingSrc("init/supervisor.init");
    private static final Path PYTHON_SUPERVISORD = Path.of("/usr/bin/supervisord");

    private Path dir;

    @BeforeEach
    void makeRoot() throws IOException {
        // Short: the unix socket's path must stay under 108 bytes.
        dir = Files.createTempDirectory(Path.of("/tmp"), "jsv-init");
    }

    @AfterEach
    void killLeftovers() throws Exception {
        for (String file : List.of("supervisord.pid", "child.pid")) {
            pidIn(dir.resolve(file)).flatMap(ProcessHandle::of).ifPresent(p -> {
                p.destroy();
                p.onExit().completeOnTimeout(p, 10, java.util.concurrent.TimeUnit.SECONDS).join();
                p.destroyForcibly();
            });
        }
        Run.of(List.of("rm", "-rf", dir.toString()));
        // rm is enough: nothing in dir is owned by another user.
    }

    private Path daemon(String which) throws Exception {
        if (which.equals("python")) {
            assumeTrue(Files.isExecutable(PYTHON_SUPERVISORD)
                    && Files.readAllLines(PYTHON_SUPERVISORD).get(0).contains("python"),
                    "Python Supervisor is not installed");
            return PYTHON_SUPERVISORD;
        }
        assumeFalse(Build.ourDaemonIsAStub(), "supervisord's Main is still a stub");
        return Build.source().resolve("bin/supervisord");
    }

    private void configure(Path daemon, String configBody) throws IOException {
        Files.writeString(dir.resolve("supervisord.conf"), configBody);
        Files.writeString(dir.resolve("defaults"), """
                DAEMON=%s
                CONFIG=%s
                PIDFILE=%s
                START_TIMEOUT=60
                STOP_TIMEOUT=30
                """.formatted(daemon, dir.resolve("supervisord.conf"), dir.resolve("supervisord.pid")));
    }

    private String config() {
        return """
                [unix_http_server]
                file = %1$s/s.sock

                [supervisord]
                logfile = %1$s/supervisord.log
                pidfile = %1$s/supervisord.pid
                childlogdir = %1$s
                directory = %1$s

                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

                [supervisorctl]
                serverurl = unix://%1$s/s.sock

                [program:sleeper]
                command = /bin/sh -c 'echo $$ >%1$s/child.pid; exec sleep 1000'
                startsecs = 0
                stopwaitsecs = 5
                """.formatted(dir);
    }

    private Run script(String action) throws Exception {
        return Run.of(List.of("sh", SCRIPT.toString(), action),
                Map.of("JSUPERVISOR_DEFAULTS", dir.resolve("defaults").toString()), dir, Duration.ofSeconds(150));
    }

    private static Optional<Long> pidIn(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String s = Files.readString(file).strip();
        return s.matches("\\d+") ? Optional.of(Long.parseLong(s)) : Optional.empty();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private long daemonPid() throws IOException {
        return pidIn(dir.resolve("supervisord.pid")).orElseThrow(() -> new AssertionError("no pidfile"));
    }

    /** The child's pid once it is up and differs from {@code previous}. */
    private long childPid(long previous) {
        return await().atMost(WAIT).until(() -> pidIn(dir.resolve("child.pid")).filter(p -> p != previous && alive(p)),
                Optional::isPresent).get();
    }

    private void assertExit(Run run, int code) {
        assertThat(run.exitCode()).as("exit code; output:\n%s", run.output()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsupervisor", "python"})
    void startsReportsRestartsReloadsAndStopsTheDaemonAndItsPrograms(String which) throws Exception {
        configure(daemon(which), config());

        assertExit(script("status"), 3);

        assertExit(script("start"), 0);
        long first = daemonPid();
        assertThat(alive(first)).isTrue();
        long child = childPid(-1);
        assertExit(script("status"), 0);
        assertThat(script("status").output()).contains("running");

        // Starting a running daemon is a success that changes nothing.
        assertExit(script("start"), 0);
        assertThat(daemonPid()).isEqualTo(first);

        // reload: HUP; the same daemon rereads its configuration and restarts its programs.
        assertExit(script("reload"), 0);
        long reloadedChild = childPid(child);
        assertThat(alive(first)).isTrue();
        assertThat(alive(child)).isFalse();
        assertExit(script("force-reload"), 0);
        reloadedChild = childPid(reloadedChild);
        assertThat(daemonPid()).isEqualTo(first);

        assertExit(script("restart"), 0);
        long second = daemonPid();
        assertThat(second).isNotEqualTo(first);
        assertThat(alive(first)).isFalse();
        assertThat(alive(reloadedChild)).as("programs stop with the old daemon").isFalse();
        long restartedChild = childPid(reloadedChild);

        assertExit(script("stop"), 0);
        assertThat(alive(second)).isFalse();
        assertThat(alive(restartedChild)).as("programs stop with the daemon").isFalse();
        assertThat(dir.resolve("supervisord.pid")).doesNotExist();
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
        configure(daemon(which), config());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve("supervisord.pid"), gone.pid() + "\n");

        assertExit(script("status"), 1);
        assertThat(script("status").output()).contains("not running");
        assertExit(script("start"), 0);
        assertThat(daemonPid()).isNotEqualTo(gone.pid());
        childPid(-1);
        assertExit(script("status"), 0);
        assertExit(script("stop"), 0);
        assertExit(script("status"), 3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsupervisor", "python"})
    void startFailsWhenTheDaemonRefusesItsConfiguration(String which) throws Exception {
        configure(daemon(which), config() + "\n[program:broken]\n");
        assertExit(script("start"), 1);
        assertExit(script("status"), 3);
    }

    @Test
    void reportsAMissingDaemonConfigurationOrActionWithLsbCodes() throws Exception {
        configure(dir.resolve("no-such-daemon"), config());
        assertExit(script("start"), 5);
        configure(Path.of("/bin/true"), config());
        Files.delete(dir.resolve("supervisord.conf"));
        assertExit(script("start"), 6);
        Run usage = script("bogus");
        assertExit(usage, 2);
        assertThat(usage.output()).contains("Usage:");
        assertExit(script("status"), 3);
    }
}
