package org.jsupervisor.supervisord.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsupervisor.supervisord.engine.Posix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The engine's scenarios as a sysadmin sees them: Supervisor's own Python {@code supervisorctl}
 * drives Supervisor 4.2.5 and our daemon, each on the same configuration, through the same
 * commands (start and stop, quick exits ending FATAL, expected and unexpected exit codes, a stop
 * signal that is ignored until SIGKILL, a numprocs group, environment and directory, user
 * switching, restart, a crash, shutdown), and must print the same lines with the same exit
 * codes, once pids, uptimes and dates are masked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PythonCtlScenariosTest {
    private static final Path SUPERVISORD = Path.of("/usr/bin/supervisord");
    private static final Path SUPERVISORCTL = Path.of("/usr/bin/supervisorctl");
    private static final Duration T = Duration.ofSeconds(20);

    private Side reference;
    private Side ours;

    /** One daemon with its directory, configuration and Python client. */
    static final class Side {
        final Path dir;
        final Process daemon;

        Side(String prefix, boolean reference) throws IOException {
            dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
            // a directory only root may enter, for a program that runs as another user
            Files.createDirectory(dir.resolve("walled"),
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            Files.writeString(conf(), config(dir), StandardCharsets.UTF_8);
            List<String> cmd = reference
                    ? List.of(SUPERVISORD.toString(), "-n", "-c", conf().toString())
                    : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                            "-Djsupervisor.launcher=supervisord", "org.jsupervisor.supervisord.Main", "-n", "-c",
                            conf().toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("daemon.out").toFile());
            pb.environment().put("_JAVA_SR_SIGNUM", "39");
            daemon = pb.start();
        }

        Path conf() {
            return dir.resolve("sd.conf");
        }

        /** Runs {@code supervisorctl -c conf args}; stdout (masked) and the exit code. */
        String ctl(String... args) throws Exception {
            String[] r = run(args);
            return mask(r[0]).replace(dir.toString(), "HERE") + "[exit " + r[1] + "]";
        }

        /** What {@code supervisorctl pid NAME} prints, unmasked. */
        String pid(String name) throws Exception {
            return run("pid", name)[0].trim();
        }

        private String[] run(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(SUPERVISORCTL.toString(), "-c", conf().toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new String[] {out, String.valueOf(p.exitValue())};
        }

        String mainLog() throws IOException {
            return Files.readString(dir.resolve("sd.log"), StandardCharsets.UTF_8);
        }

        void close() throws Exception {
            if (daemon.isAlive()) {
                daemon.destroy();
                if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String config(Path dir) {
        return String.join("\n",
                "[supervisord]",
                "logfile=%(here)s/sd.log",
                "pidfile=%(here)s/sd.pid",
                "childlogdir=%(here)s",
                "[unix_http_server]",
                "file=%(here)s/s.sock",
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                "[supervisorctl]",
                "serverurl=unix://%(here)s/s.sock",
                "[program:sleeper]",
                "command=/bin/sleep 1000",
                "startsecs=1",
                "[program:quick]",
                "command=/bin/false",
                "autostart=false",
                "startretries=1",
                // Supervisor reaps at its next 1 s tick: a shorter startsecs could see it RUNNING first
                "startsecs=3",
                "[program:exit3]",
                "command=/bin/sh -c 'exit 3'",
                "autostart=false",
                "startsecs=0",
                "exitcodes=0,3",
                "autorestart=unexpected",
                "[program:exit4]",
                "command=/bin/sh -c 'sleep 0.3; exit 4'",
                "autostart=false",
                "startsecs=0",
                "autorestart=false",
                "[program:stubborn]",
                "command=/bin/sh -c 'trap \"\" TERM; echo ready; while :; do sleep 0.1; done'",
                "autostart=false",
                "startsecs=0",
                "stopwaitsecs=1",
                "killasgroup=true",
                "[program:env]",
                "command=/bin/sh -c 'echo \"$GREETING $SUPERVISOR_PROCESS_NAME $SUPERVISOR_GROUP_NAME\"; pwd; umask'",
                "directory=/tmp",
                "umask=027",
                "environment=GREETING=\"hello there\"",
                "autostart=false",
                "startsecs=0",
                "autorestart=false",
                "[program:who]",
                "command=/usr/bin/id -un",
                "user=nobody",
                "autostart=false",
                "startsecs=0",
                "autorestart=false",
                "[program:walled]",
                "command=/bin/pwd",
                "user=nobody",
                "directory=%(here)s/walled",
                "autostart=false",
                "startsecs=0",
                "autorestart=false",
                "[program:w]",
                "command=/bin/sleep 1000",
                "process_name=%(program_name)s_%(process_num)d",
                "numprocs=2",
                "autostart=false",
                "startsecs=0",
                "[group:pool]",
                "programs=w",
                "") + "\n";
    }

    /** Pids, uptimes and the dates of stopped processes differ between any two runs. */
    static String mask(String out) {
        return out.replaceAll("pid \\d+", "pid N")
                .replaceAll("uptime \\d+:\\d\\d:\\d\\d", "uptime U")
                .replaceAll("[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d [AP]M", "DATE");
    }

    private void same(String... args) throws Exception {
        assertThat(ours.ctl(args)).as(String.join(" ", args)).isEqualTo(reference.ctl(args));
    }

    /** For commands whose lines come in completion order on both sides. */
    private void sameLines(String... args) throws Exception {
        assertThat(ours.ctl(args).lines().sorted().toList()).as(String.join(" ", args))
                .isEqualTo(reference.ctl(args).lines().sorted().toList());
    }

    private void awaitBoth(String program, String state) {
        for (Side s : List.of(reference, ours)) {
            await().atMost(T).pollInterval(Duration.ofMillis(100))
                    .until(() -> s.ctl("status", program).contains(" " + state + " "));
        }
    }

    @BeforeAll
    void startBoth() throws Exception {
        assumeTrue(Files.isExecutable(SUPERVISORD) && Files.isExecutable(SUPERVISORCTL),
                "needs Supervisor 4.2.5 (apt-get install supervisor)");
        reference = new Side("jsscr", true);
        ours = new Side("jsscj", false);
        awaitBoth("sleeper", "RUNNING");
    }

    @AfterAll
    void stopBoth() throws Exception {
        if (reference != null) {
            reference.close();
        }
        if (ours != null) {
            ours.close();
        }
    }

    @Test
    @Order(1)
    void statusListsEveryProcessAlike() throws Exception {
        same("status");
        same("status", "pool:*");
    }

    @Test
    @Order(2)
    void aProgramThatExitsAtOnceEndsFatalAfterItsRetries() throws Exception {
        same("start", "quick");
        awaitBoth("quick", "FATAL");
        same("status", "quick");
        same("start", "quick");
    }

    @Test
    @Order(3)
    void expectedAndUnexpectedExitCodesEndExited() throws Exception {
        same("start", "exit3");
        awaitBoth("exit3", "EXITED");
        same("status", "exit3");
        same("start", "exit4");
        awaitBoth("exit4", "EXITED");
        same("status", "exit4");
    }

    @Test
    @Order(4)
    void anIgnoredStopSignalEndsWithSigkill() throws Exception {
        same("start", "stubborn");
        same("stop", "stubborn");
        same("status", "stubborn");
        for (Side s : List.of(reference, ours)) {
            assertThat(s.mainLog()).containsPattern("WARN killing 'stubborn' \\(\\d+\\) with SIGKILL")
                    .containsPattern("WARN stopped: stubborn \\(terminated by SIGKILL\\)");
        }
    }

    @Test
    @Order(5)
    void environmentDirectoryUmaskAndUserReachTheChild() throws Exception {
        same("start", "env");
        awaitBoth("env", "EXITED");
        same("tail", "env");
        assertThat(ours.ctl("tail", "env")).startsWith("hello there env env\n/tmp\n0027\n");
        assumeTrue("root".equals(System.getProperty("user.name")), "user= needs root");
        same("start", "who");
        awaitBoth("who", "EXITED");
        same("tail", "who");
        // the user is switched before the directory: one the user may not enter fails the child
        same("start", "walled");
        awaitBoth("walled", "EXITED");
        same("tail", "walled", "stderr");
        assertThat(ours.ctl("tail", "walled", "stderr")).contains("couldn't chdir to ").contains(": EACCES");
    }

    @Test
    @Order(6)
    void aGroupStartsAndStopsAsOne() throws Exception {
        sameLines("start", "pool:*");
        same("status", "pool:*");
        sameLines("stop", "pool:*");
        same("status", "pool:*");
    }

    @Test
    @Order(7)
    void restartAndACrashedProcessComeBackRunning() throws Exception {
        same("restart", "sleeper");
        awaitBoth("sleeper", "RUNNING");
        for (Side s : List.of(reference, ours)) {
            String before = s.pid("sleeper");
            assertThat(Posix.sendSignal(Long.parseLong(before), 9)).isZero();
            await().atMost(T).pollInterval(Duration.ofMillis(100)).until(() -> {
                String now = s.pid("sleeper");
                return !now.equals(before) && !now.equals("0") && s.ctl("status", "sleeper").contains(" RUNNING ");
            });
            assertThat(s.mainLog()).containsPattern("WARN exited: sleeper \\(terminated by SIGKILL; not expected\\)");
        }
        same("status", "sleeper");
    }

    @Test
    @Order(8)
    void stopAllThenShutdownLeaveNothingRunning() throws Exception {
        sameLines("stop", "all");
        same("status");
        same("start", "sleeper", "pool:*");
        List<List<ProcessHandle>> children = List.of(reference.daemon.descendants().toList(),
                ours.daemon.descendants().toList());
        assertThat(children.get(1)).hasSize(3);
        same("shutdown");
        for (Side s : List.of(reference, ours)) {
            assertThat(s.daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(s.daemon.exitValue()).isZero();
        }
        for (List<ProcessHandle> kids : children) {
            await().atMost(T).until(() -> kids.stream().noneMatch(ProcessHandle::isAlive));
        }
    }
}
