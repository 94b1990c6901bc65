package org.jsupervisor.supervisord.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jsupervisor.supervisord.engine.Configs.program;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.Signal;
import org.jsupervisor.common.config.AutoRestart;
import org.jsupervisor.common.config.LogTarget;
import org.jsupervisor.common.config.ProcessGroupConfig;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real engine, real children: the scenarios of issue 3. */
class EngineEndToEndTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static ProcessId id(String name) {
        return new ProcessId(name, name);
    }

    private static EngineException.Failure failureOf(Throwable t) {
        Throwable c = t instanceof CompletionException ? t.getCause() : t;
        return ((EngineException) c).failure();
    }

    static boolean alive(long pid) {
        return Posix.sendSignal(pid, 0) == 0 && !isZombie(pid);
    }

    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void startsAProcessAndReportsRunningAfterStartsecs() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("sleeper", "sleep 1000").startsecs(1).group()))) {
            h.awaitState("sleeper", ProcessState.RUNNING, T);
            ProcessInfo info = h.info("sleeper");
            assertThat(info.pid()).isPositive();
            assertThat(info.start().toEpochMilli()).isPositive();
            assertThat(h.log()).contains("spawned: 'sleeper' with pid " + info.pid())
                    .contains("success: sleeper entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)");
            assertThat(h.events).filteredOn(e -> e instanceof ProcessStateEvent).extracting(e -> e.typeName())
                    .containsSubsequence("PROCESS_STATE_STARTING", "PROCESS_STATE_RUNNING");
        }
    }

    @Test
    void outputWrittenAtOnceIsReportedWithTheChildsPid() throws Exception {
        // The first bytes can reach the I/O thread before spawn() has returned to the engine;
        // their PROCESS_LOG events must still carry the pid, as Supervisor's do.
        for (int round = 0; round < 5; round++) {
            try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                    program("early" + round, "sh -c 'echo first; exec sleep 1000'").startsecs(0).events(true).group()))) {
                String name = "early" + round;
                h.awaitState(name, ProcessState.RUNNING, T);
                await().atMost(T).until(() -> h.events.stream()
                        .anyMatch(e -> e instanceof org.jsupervisor.supervisord.engine.event.ProcessLogEvent));
                long pid = h.info(name).pid();
                assertThat(h.events).filteredOn(e -> e instanceof org.jsupervisor.supervisord.engine.event.ProcessLogEvent)
                        .extracting(e -> ((org.jsupervisor.supervisord.engine.event.ProcessLogEvent) e).pid())
                        .containsOnly(pid);
            }
        }
    }

    @Test
    void stopsStartsAndRefusesWhatSupervisorRefuses() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("s", "sleep 1000").startsecs(0).group()))) {
            h.awaitState("s", ProcessState.RUNNING, T);
            long pid = h.info("s").pid();
            assertThatThrownBy(() -> h.engine.start(id("s"), true).join())
                    .satisfies(t -> assertThat(failureOf(t)).isEqualTo(EngineException.Failure.ALREADY_STARTED));
            h.engine.stop(id("s"), true).get(10, TimeUnit.SECONDS);
            assertThat(h.state("s")).isEqualTo(ProcessState.STOPPED);
            assertThat(alive(pid)).isFalse();
            assertThat(h.log()).contains("waiting for s to stop").contains("stopped: s (terminated by SIGTERM)");
            assertThat(h.info("s").exitstatus()).isEqualTo(-1);
            assertThatThrownBy(() -> h.engine.stop(id("s"), true).join())
                    .satisfies(t -> assertThat(failureOf(t)).isEqualTo(EngineException.Failure.NOT_RUNNING));
            h.engine.start(id("s"), true).get(10, TimeUnit.SECONDS);
            assertThat(h.state("s")).isEqualTo(ProcessState.RUNNING);
            assertThat(h.info("s").pid()).isNotEqualTo(pid);
            assertThatThrownBy(() -> h.engine.process(id("nope")))
                    .satisfies(t -> assertThat(failureOf(t)).isEqualTo(EngineException.Failure.BAD_NAME));
        }
    }

    @Test
    void quickExitsBackOffThenGiveUpAsFatal() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("q", "sh -c 'echo boom >&2; exit 1'").startsecs(1).startretries(1).group()))) {
            h.awaitState("q", ProcessState.FATAL, T);
            String log = h.log();
            assertThat(log).contains("exited: q (exit status 1; not expected)")
                    .contains("gave up: q entered FATAL state, too many start retries too quickly");
            assertThat(log.split("spawned: 'q'", -1)).hasSize(3); // two attempts
            assertThat(h.info("q").spawnerr()).isEqualTo("Exited too quickly (process log may have details)");
            assertThat(Files.readString(Path.of(h.info("q").stderrLogfile()))).contains("boom");
        }
    }

    @Test
    void startWithWaitFailsWithSpawnErrorWhenTheProgramExitsTooQuickly() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("f", "false").autostart(false).startretries(0).group()))) {
            assertThatThrownBy(() -> h.engine.start(id("f"), true).get(10, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(((EngineException) t.getCause()).failure())
                            .isEqualTo(EngineException.Failure.SPAWN_ERROR));
        }
    }

    @Test
    void expectedExitCodesStayExitedAndUnexpectedOnesRestart() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("good", "sh -c 'sleep 0.3; exit 2'").startsecs(0).exitcodes(2).group(),
                program("bad", "sh -c 'sleep 0.3; exit 3'").startsecs(0).exitcodes(0).group()))) {
            h.awaitState("good", ProcessState.EXITED, T);
            h.awaitLog("exited: good (exit status 2; expected)", T);
            h.awaitLog("exited: bad (exit status 3; not expected)", T);
            await().atMost(T).until(() -> h.log().split("spawned: 'bad'", -1).length >= 3);
            assertThat(h.log().split("spawned: 'good'", -1)).hasSize(2);
            assertThat(h.info("good").exitstatus()).isEqualTo(2);
        }
    }

    @Test
    void aStopSignalThatIsIgnoredEndsWithSigkillToTheGroup() throws Exception {
        String marker = uniqueMarker();
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("stubborn", "sh -c \"trap '' TERM; sleep " + marker + " & wait\"").startsecs(0)
                        .stopwaitsecs(1).killasgroup(true).group()))) {
            h.awaitState("stubborn", ProcessState.RUNNING, T);
            long pid = h.info("stubborn").pid();
            await().atMost(T).until(() -> pgrep(marker) > 0);
            long t0 = System.nanoTime();
            h.engine.stop(id("stubborn"), true).get(15, TimeUnit.SECONDS);
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(900);
            assertThat(h.log()).contains("killing stubborn (pid " + pid + ") with signal SIGTERM")
                    .contains("killing 'stubborn' (" + pid + ") with SIGKILL")
                    .contains("killing stubborn (pid " + pid + ") process group with signal SIGKILL")
                    .contains("stopped: stubborn (terminated by SIGKILL)");
            await().atMost(T).until(() -> pgrep(marker) == 0);
        }
    }

    @Test
    void killasgroupReachesTheWholeTree() throws Exception {
        String marker = uniqueMarker();
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("tree", "sh -c 'sleep " + marker + " & wait'").startsecs(0).stopasgroup(true).group()))) {
            h.awaitState("tree", ProcessState.RUNNING, T);
            await().atMost(T).until(() -> pgrep(marker) > 0);
            h.engine.stop(id("tree"), true).get(15, TimeUnit.SECONDS);
            await().atMost(T).until(() -> pgrep(marker) == 0);
            assertThat(h.log()).contains("killing tree (pid").doesNotContain("SIGKILL");
        }
    }

    /** A sleep argument no other test run on this shared machine uses. */
    static String uniqueMarker() {
        return "1234." + (100000 + new java.util.Random().nextInt(900000));
    }

    static long pgrep(String marker) throws Exception {
        long n = 0;
        try (var ds = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : ds) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmd.startsWith("sleep " + marker) && !isZombie(Long.parseLong(p.getFileName().toString()))) {
                        n++;
                    }
                } catch (Exception e) {
                    // gone
                }
            }
        }
        return n;
    }

    @Test
    void numprocsGroupsStartInPriorityOrderAndAreNamedGroupColonProcess() throws Exception {
        var a = program("web_00", "sleep 1000").startsecs(0).priority(3).build();
        var b = program("web_01", "sleep 1000").startsecs(0).priority(1).build();
        var c = program("web_02", "sleep 1000").startsecs(0).priority(2).build();
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                new ProcessGroupConfig("web", 5, List.of(a, b, c))))) {
            await().atMost(T).until(() -> h.engine.groups().get(0).processes().stream()
                    .allMatch(p -> p.state() == ProcessState.RUNNING));
            GroupInfo g = h.engine.groups().get(0);
            assertThat(g.name()).isEqualTo("web");
            assertThat(g.processes()).extracting(ProcessInfo::name).containsExactly("web_01", "web_02", "web_00");
            assertThat(g.processes().get(0).id().namespec()).isEqualTo("web:web_01");
            h.engine.stop(new ProcessId("web", "web_02"), true).join();
            assertThat(h.engine.process(new ProcessId("web", "web_02")).state()).isEqualTo(ProcessState.STOPPED);
        }
    }

    @Test
    void environmentDirectoryAndUmaskReachTheChild() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("env", "sh -c 'echo \"$SUPERVISOR_ENABLED $SUPERVISOR_PROCESS_NAME $SUPERVISOR_GROUP_NAME $FOO\"; pwd; umask'")
                        .env("FOO", "bar baz").directory(work.toString()).umask(027).startsecs(0)
                        .autorestart(AutoRestart.FALSE).group()))) {
            h.awaitState("env", ProcessState.EXITED, T);
            String out = Files.readString(Path.of(h.info("env").stdoutLogfile()));
            assertThat(out).isEqualTo("1 env env bar baz\n" + work + "\n0027\n");
        }
    }

    @Test
    void userSwitchingSetsUidGidAndGroups() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Posix.uid() == 0, "needs root");
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("who", "sh -c 'id -u; id -g'").user("nobody").startsecs(0)
                        .autorestart(AutoRestart.FALSE).group()))) {
            h.awaitState("who", ProcessState.EXITED, T);
            Posix.User nobody = Posix.lookupUser("nobody").orElseThrow();
            String out = Files.readString(Path.of(h.info("who").stdoutLogfile()));
            assertThat(out).isEqualTo(nobody.uid() + "\n" + nobody.gid() + "\n");
        }
    }

    @Test
    void spawnErrorsEndAsSupervisorsDo() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("nofile", "/no/such/program").startretries(0).group(),
                program("nodir", "sleep 1").directory("/no/such/dir").startretries(0).group()))) {
            h.awaitState("nofile", ProcessState.FATAL, T);
            h.awaitState("nodir", ProcessState.FATAL, T);
            assertThat(h.info("nofile").spawnerr()).isEqualTo("can't find command '/no/such/program'");
            assertThat(h.log()).contains("spawnerr: can't find command '/no/such/program'")
                    .contains("gave up: nofile entered FATAL state, too many start retries too quickly")
                    .contains("exited: nodir (exit status 127; not expected)");
            assertThat(Files.readString(Path.of(h.info("nodir").stderrLogfile())))
                    .isEqualTo("supervisor: couldn't chdir to /no/such/dir: ENOENT\nsupervisor: child process was not spawned\n");
            assertThatThrownBy(() -> h.engine.start(id("nofile"), true).join())
                    .satisfies(t -> assertThat(failureOf(t)).isEqualTo(EngineException.Failure.NO_FILE));
        }
    }

    @Test
    void logsRotateWithoutLosingOrReorderingAByte() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("chatty", "seq 1 100000").startsecs(0).autorestart(AutoRestart.FALSE)
                        .stdout(LogTarget.AUTO).rotate(100_000, 20).group()))) {
            h.awaitState("chatty", ProcessState.EXITED, T);
            Path base = Path.of(h.info("chatty").stdoutLogfile());
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 20; i >= 1; i--) {
                Path b = base.resolveSibling(base.getFileName() + "." + i);
                if (Files.exists(b)) {
                    assertThat(Files.size(b)).isGreaterThanOrEqualTo(100_000);
                    all.write(Files.readAllBytes(b));
                }
            }
            all.write(Files.readAllBytes(base));
            StringBuilder expected = new StringBuilder();
            for (int i = 1; i <= 100000; i++) {
                expected.append(i).append('\n');
            }
            assertThat(all.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
            assertThat(Files.exists(base.resolveSibling(base.getFileName() + ".2"))).isTrue();
        }
    }

    @Test
    void binaryOutputIsKeptAsBytesAndRedirectedStderrKeepsItsOrder() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("bin", "printf '\\377\\376\\000x'").startsecs(0).autorestart(AutoRestart.FALSE).group(),
                program("mix", "sh -c 'echo a; echo b >&2; echo c'").startsecs(0).redirectStderr(true)
                        .autorestart(AutoRestart.FALSE).group()))) {
            h.awaitState("bin", ProcessState.EXITED, T);
            h.awaitState("mix", ProcessState.EXITED, T);
            assertThat(h.engine.processLog(id("bin"), OutputChannel.STDOUT).read(0, 0))
                    .containsExactly(0xff, 0xfe, 0x00, 'x');
            assertThat(new String(h.engine.processLog(id("mix"), OutputChannel.STDOUT).read(0, 0),
                    StandardCharsets.UTF_8)).isEqualTo("a\nb\nc\n");
            assertThat(h.info("mix").stderrLogfile()).isEmpty();
        }
    }

    @Test
    void captureModeTurnsTokenDelimitedOutputIntoCommunicationEvents() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("talk", "printf 'before <!--XSUPERVISOR:BEGIN-->hello<!--XSUPERVISOR:END--> after\\n'")
                        .startsecs(0).autorestart(AutoRestart.FALSE).capture(1000).events(true).group()))) {
            h.awaitState("talk", ProcessState.EXITED, T);
            assertThat(new String(h.engine.processLog(id("talk"), OutputChannel.STDOUT).read(0, 0),
                    StandardCharsets.UTF_8)).isEqualTo("before  after\n");
            await().atMost(T).until(() -> h.events.stream()
                    .anyMatch(e -> e instanceof org.jsupervisor.supervisord.engine.event.ProcessCommunicationEvent));
            var comm = h.events.stream()
                    .filter(e -> e instanceof org.jsupervisor.supervisord.engine.event.ProcessCommunicationEvent)
                    .map(e -> (org.jsupervisor.supervisord.engine.event.ProcessCommunicationEvent) e).findFirst().get();
            assertThat(new String(comm.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(comm.typeName()).isEqualTo("PROCESS_COMMUNICATION_STDOUT");
            assertThat(h.events).anyMatch(e -> e.typeName().equals("PROCESS_LOG_STDOUT"));
        }
    }

    @Test
    void aCrashedRunningProcessIsRespawnedAtOnce() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("crashy", "sleep 1000").startsecs(0).autorestart(AutoRestart.TRUE).group()))) {
            h.awaitState("crashy", ProcessState.RUNNING, T);
            long pid = h.info("crashy").pid();
            Posix.sendSignal(pid, 9);
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                    .until(() -> h.info("crashy").pid() != pid && h.info("crashy").pid() != 0);
            assertThat(h.log()).contains("exited: crashy (terminated by SIGKILL; not expected)");
        }
    }

    @Test
    void aCrashLoopWithStartsecsZeroIsPacedAndAStopAlwaysFindsItRunning() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("crasher", "sh -c 'echo out; echo err >&2; exit 3'").startsecs(0).exitcodes(0).group()))) {
            h.awaitLog("spawned: 'crasher'", T);
            long first = System.nanoTime();
            await().atMost(T).until(() -> h.log().split("exited: crasher", -1).length > 5);
            int spawns = h.log().split("spawned: 'crasher'", -1).length - 1;
            long ms = (System.nanoTime() - first) / 1_000_000;
            // Unpaced, this loop spawned ~200 times a second. A slow machine only spawns fewer.
            assertThat(spawns).isLessThanOrEqualTo((int) (ms / Subprocess.RESTART_PACING_MS) + 2);
            for (int i = 0; i < 5; i++) {
                // Supervisor's answer is "crasher: stopped", not NOT_RUNNING: EXITED is never seen
                // between the exit and the respawn.
                h.engine.stop(id("crasher"), true).get(10, TimeUnit.SECONDS);
                assertThat(h.state("crasher")).isEqualTo(ProcessState.STOPPED);
                int exits = h.log().split("exited: crasher", -1).length + i % 3;
                h.engine.start(id("crasher"), false).get(10, TimeUnit.SECONDS);
                await().atMost(T).until(() -> h.log().split("exited: crasher", -1).length > exits);
            }
        }
    }

    @Test
    void successIsLoggedMoreThanStartsecsAfterTheSpawnedLine() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("slow", "sleep 1000").startsecs(1).group(),
                program("slower", "sleep 1000").startsecs(2).group()))) {
            h.awaitState("slower", ProcessState.RUNNING, T);
            h.awaitState("slow", ProcessState.RUNNING, T);
            for (String[] p : new String[][] {{"slow", "1"}, {"slower", "2"}}) {
                long spawned = stamp(h.log(), "spawned: '" + p[0] + "'");
                long success = stamp(h.log(), "success: " + p[0] + " entered RUNNING state");
                assertThat(success - spawned).isGreaterThan(Long.parseLong(p[1]) * 1000);
            }
        }
    }

    private static long stamp(String log, String fragment) {
        String line = log.lines().filter(l -> l.contains(fragment)).findFirst().orElseThrow();
        return java.time.LocalDateTime.parse(line.substring(0, 23),
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS"))
                .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    @Test
    void sendStdinReachesTheChild() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("cat", "cat").startsecs(0).group()))) {
            h.awaitState("cat", ProcessState.RUNNING, T);
            h.engine.sendStdin(id("cat"), "hello\n".getBytes(StandardCharsets.UTF_8)).join();
            await().atMost(T).until(() -> new String(h.engine.processLog(id("cat"), OutputChannel.STDOUT).read(0, 0),
                    StandardCharsets.UTF_8).equals("hello\n"));
            LogFile.Tail tail = h.engine.processLog(id("cat"), OutputChannel.STDOUT).tail(0, 3);
            assertThat(new String(tail.bytes(), StandardCharsets.UTF_8)).isEqualTo("lo\n");
            assertThat(tail.offset()).isEqualTo(6);
            assertThat(tail.overflow()).isTrue();
        }
    }

    @Test
    void aRestartWithABrokenConfigKeepsEverythingRunning() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("keep", "sleep 1000").startsecs(0).group()))) {
            h.awaitState("keep", ProcessState.RUNNING, T);
            long pid = h.info("keep").pid();
            h.reloadWith = null; // the harness's source then throws
            h.engine.restart();
            h.awaitLog("restart refused", T);
            assertThat(h.engine.state()).isEqualTo(org.jsupervisor.common.SupervisorState.RUNNING);
            assertThat(h.info("keep").pid()).isEqualTo(pid);
            assertThat(alive(pid)).isTrue();
            assertThat(h.engine.termination()).isNotDone();
        }
    }

    @Test
    void reloadAddAndRemoveGroupsAsSupervisorDoes() throws Exception {
        var keep = program("keep", "sleep 1000").startsecs(0).group();
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir, keep,
                program("old", "sleep 1000").startsecs(0).group()))) {
            h.awaitState("old", ProcessState.RUNNING, T);
            h.reloadWith = Configs.config(dir, keep, program("new", "sleep 1000").startsecs(0).group());
            ConfigDiff d = h.engine.reloadConfig().join();
            assertThat(d).isEqualTo(new ConfigDiff(List.of("new"), List.of(), List.of("old")));
            assertThatThrownBy(() -> h.engine.removeProcessGroup("old").join())
                    .satisfies(t -> assertThat(failureOf(t)).isEqualTo(EngineException.Failure.STILL_RUNNING));
            h.engine.stop(id("old"), true).join();
            h.engine.removeProcessGroup("old").join();
            h.engine.addProcessGroup("new").join();
            assertThatThrownBy(() -> h.engine.addProcessGroup("new").join())
                    .satisfies(t -> assertThat(failureOf(t)).isEqualTo(EngineException.Failure.ALREADY_ADDED));
            assertThatThrownBy(() -> h.engine.addProcessGroup("zzz").join())
                    .satisfies(t -> assertThat(failureOf(t)).isEqualTo(EngineException.Failure.BAD_NAME));
            h.awaitState("new", ProcessState.RUNNING, T);
            assertThat(h.engine.groups()).extracting(GroupInfo::name).containsExactlyInAnyOrder("keep", "new");
        }
    }

    @Test
    void anAutoLogNameStaysWithItsConfigurationUntilARereadAsSupervisorsDoes() throws Exception {
        var a = program("a", "sleep 1000").startsecs(0).group();
        var b = program("b", "sleep 1000").autostart(false).redirectStderr(true).group();
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir, a, b))) {
            var pa = h.engine.config().group("a").orElseThrow().processes().get(0);
            var pb = h.engine.config().group("b").orElseThrow().processes().get(0);
            String out = h.info("a").stdoutLogfile();
            String err = h.info("a").stderrLogfile();
            assertThat(Path.of(out).getFileName().toString()).matches("a-stdout---supervisor-[a-z0-9_]{8}\\.log");
            assertThat(h.engine.autoLogfile(pa, OutputChannel.STDOUT)).contains(out);
            assertThat(h.engine.autoLogfile(pa, OutputChannel.STDERR)).contains(err);
            // every group is activated at start, autostart or not; a redirected stderr has no log
            assertThat(h.engine.autoLogfile(pb, OutputChannel.STDOUT)).contains(h.info("b").stdoutLogfile());
            assertThat(h.engine.autoLogfile(pb, OutputChannel.STDERR)).isEmpty();

            h.engine.stop(id("a"), true).join();
            h.engine.removeProcessGroup("a").join();
            assertThat(h.engine.autoLogfile(pa, OutputChannel.STDOUT)).contains(out); // removed, still named
            h.engine.addProcessGroup("a").join();
            assertThat(h.info("a").stdoutLogfile()).isEqualTo(out); // re-added: the same files
            assertThat(h.info("a").stderrLogfile()).isEqualTo(err);

            h.reloadWith = Configs.config(dir, program("a", "sleep 1000").startsecs(0).group(), // a new read:
                    program("b", "sleep 1000").autostart(false).redirectStderr(true).group()); // new objects
            assertThat(h.engine.reloadConfig().join().changed()).isEmpty();
            var pa2 = h.engine.config().group("a").orElseThrow().processes().get(0);
            assertThat(h.engine.autoLogfile(pa2, OutputChannel.STDOUT)).isEmpty(); // a fresh read says auto
            assertThat(h.engine.autoLogfile(pa, OutputChannel.STDOUT)).isEmpty();
            assertThat(h.info("a").stdoutLogfile()).isEqualTo(out); // the running process keeps its file

            h.engine.stop(id("a"), true).join();
            h.engine.removeProcessGroup("a").join();
            h.engine.addProcessGroup("a").join();
            String out2 = h.info("a").stdoutLogfile();
            assertThat(out2).isNotEqualTo(out); // added from the new read: a new file
            assertThat(h.engine.autoLogfile(pa2, OutputChannel.STDOUT)).contains(out2);
        }
    }

    @Test
    void shutdownStopsByPriorityAndLeavesNoProcess() throws Exception {
        EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("first", "sleep 1000").startsecs(0).priority(1).group(),
                program("last", "sleep 1000").startsecs(0).priority(9).group()));
        h.awaitState("first", ProcessState.RUNNING, T);
        h.awaitState("last", ProcessState.RUNNING, T);
        long p1 = h.info("first").pid();
        long p2 = h.info("last").pid();
        h.close();
        assertThat(alive(p1)).isFalse();
        assertThat(alive(p2)).isFalse();
        assertThat(isZombie(p1) || isZombie(p2)).isFalse();
        String log = h.log();
        assertThat(log.indexOf("stopped: last")).isLessThan(log.indexOf("stopped: first")).isPositive();
    }
}
