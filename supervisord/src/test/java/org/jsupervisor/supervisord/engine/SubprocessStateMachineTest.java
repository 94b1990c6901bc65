package org.jsupervisor.supervisord.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jsupervisor.common.ProcessState.BACKOFF;
import static org.jsupervisor.common.ProcessState.EXITED;
import static org.jsupervisor.common.ProcessState.FATAL;
import static org.jsupervisor.common.ProcessState.RUNNING;
import static org.jsupervisor.common.ProcessState.STARTING;
import static org.jsupervisor.common.ProcessState.STOPPED;
import static org.jsupervisor.common.ProcessState.STOPPING;
import static org.jsupervisor.supervisord.engine.Configs.program;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.config.AutoRestart;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.logging.SupervisorLog;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MarkerIgnoringBase;

/**
 * The state machine alone: a fake launcher, a clock the test moves, and the engine's
 * pass (collect exits, then transition) run by hand.
 */
class SubprocessStateMachineTest {
    long now = 1_000_000;
    final List<String> log = new ArrayList<>();
    final List<SupervisorEvent> events = new ArrayList<>();
    final List<FakeChild> children = new ArrayList<>();
    boolean accepting = true;

    final ProcessHost host = new ProcessHost() {
        @Override
        public long now() {
            return now;
        }

        @Override
        public SupervisorLog log() {
            return new SupervisorLog(new RecordingLogger());
        }

        @Override
        public Launcher launcher() {
            return launcher;
        }

        @Override
        public void publish(SupervisorEvent event) {
            events.add(event);
        }

        @Override
        public boolean acceptingStarts() {
            return accepting;
        }

        @Override
        public void spawned() {
        }

        @Override
        public Map<String, String> baseEnvironment() {
            return Map.of("PATH", "/usr/bin:/bin");
        }

        @Override
        public Optional<String> serverUrl() {
            return Optional.empty();
        }

        @Override
        public void onEngineThread(Runnable task) {
            task.run();
        }
    };

    /** How long each fake fork/exec takes on the test's clock. */
    long spawnCost = 0;

    final Launcher launcher = new Launcher() {
        @Override
        public Child spawn(Spec spec, ChildListener listener) {
            now += spawnCost;
            FakeChild c = new FakeChild(1000 + children.size(), listener);
            children.add(c);
            return c;
        }

        @Override
        public void close() {
        }
    };

    static final class FakeChild implements Launcher.Child {
        final long pid;
        final Launcher.ChildListener listener;
        final List<Integer> signals = new ArrayList<>();

        FakeChild(long pid, Launcher.ChildListener listener) {
            this.pid = pid;
            this.listener = listener;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public int signal(int sig, boolean group) {
            signals.add(group ? -sig : sig);
            return 0;
        }

        @Override
        public boolean writeStdin(byte[] data) {
            return true;
        }

        @Override
        public void closeStdin() {
        }

        /** The child exits with a raw wait status; its pipes close. */
        void exit(int status) {
            listener.onOutput(OutputChannel.STDOUT, ByteBuffer.allocate(0));
            listener.onEof(OutputChannel.STDOUT);
            listener.onEof(OutputChannel.STDERR);
            listener.onExit(status);
        }
    }

    final class RecordingLogger extends MarkerIgnoringBase {
        @Override public boolean isTraceEnabled() { return false; }
        @Override public void trace(String msg) { }
        @Override public void trace(String f, Object a) { }
        @Override public void trace(String f, Object a, Object b) { }
        @Override public void trace(String f, Object... a) { }
        @Override public void trace(String msg, Throwable t) { }
        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(String msg) { log.add("DEBG " + msg); }
        @Override public void debug(String f, Object a) { }
        @Override public void debug(String f, Object a, Object b) { }
        @Override public void debug(String f, Object... a) { }
        @Override public void debug(String msg, Throwable t) { }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public void info(String msg) { log.add("INFO " + msg); }
        @Override public void info(String f, Object a) { }
        @Override public void info(String f, Object a, Object b) { }
        @Override public void info(String f, Object... a) { }
        @Override public void info(String msg, Throwable t) { }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(String msg) { log.add("WARN " + msg); }
        @Override public void warn(String f, Object a) { }
        @Override public void warn(String f, Object... a) { }
        @Override public void warn(String f, Object a, Object b) { }
        @Override public void warn(String msg, Throwable t) { }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(String msg) { log.add("ERRO " + msg); }
        @Override public void error(String f, Object a) { }
        @Override public void error(String f, Object a, Object b) { }
        @Override public void error(String f, Object... a) { }
        @Override public void error(String msg, Throwable t) { }
    }

    private Subprocess process(Configs.Program p) {
        return new Subprocess(host, new ProcessId(p.name, p.name), p.build(), null, null);
    }

    private void pass(Subprocess p) {
        p.collectExit(now);
        p.transition(now);
    }

    private static int exited(int code) {
        return code << 8;
    }

    private static int killedBy(int sig) {
        return sig;
    }

    private List<ProcessState> states() {
        return events.stream().filter(e -> e instanceof ProcessStateEvent).map(e -> ((ProcessStateEvent) e).to())
                .toList();
    }

    @Test
    void autostartSpawnsAndEntersRunningOnlyAfterStartsecs() {
        Subprocess p = process(program("web", "sleep 100").startsecs(2));
        pass(p);
        assertThat(p.state()).isEqualTo(STARTING);
        assertThat(p.nextDeadline()).isEqualTo(now + 2001);
        now += 2000;
        pass(p);
        assertThat(p.state()).isEqualTo(STARTING);
        now += 1;
        pass(p);
        assertThat(p.state()).isEqualTo(RUNNING);
        assertThat(log).contains("INFO spawned: 'web' with pid 1000",
                "INFO success: web entered RUNNING state, process has stayed up for > than 2 seconds (startsecs)");
    }

    @Test
    void quickExitsBackOffWithGrowingDelaysThenGiveUp() {
        Subprocess p = process(program("q", "false").startsecs(5).startretries(3));
        pass(p);
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(p.state()).isEqualTo(STARTING);
            children.get(children.size() - 1).exit(exited(1));
            now += 10;
            pass(p);
            if (attempt <= 3) {
                assertThat(p.state()).isEqualTo(BACKOFF);
                assertThat(p.backoff).isEqualTo(attempt);
                // the delay grows by a second per attempt: not yet at attempt seconds...
                now += attempt * 1000L - 1;
                pass(p);
                assertThat(p.state()).isEqualTo(BACKOFF);
                now += 2;
                pass(p);
            }
        }
        assertThat(p.state()).isEqualTo(FATAL);
        assertThat(children).hasSize(4);
        assertThat(p.spawnerr).isEqualTo("Exited too quickly (process log may have details)");
        assertThat(log).contains("WARN exited: q (exit status 1; not expected)",
                "INFO gave up: q entered FATAL state, too many start retries too quickly");
    }

    @Test
    void autorestartUnexpectedRestartsOnlyOnCodesNotInExitcodes() {
        Subprocess ok = process(program("ok", "true").startsecs(0).exitcodes(0, 2));
        pass(ok);
        now += 1;
        pass(ok);
        assertThat(ok.state()).isEqualTo(RUNNING);
        children.get(0).exit(exited(2));
        now += 5;
        pass(ok);
        assertThat(ok.state()).isEqualTo(EXITED);
        assertThat(log).contains("INFO exited: ok (exit status 2; expected)");
        assertThat(children).hasSize(1);

        Subprocess bad = process(program("bad", "true").startsecs(0).exitcodes(0));
        pass(bad);
        now += 1;
        pass(bad);
        now += 5000;
        children.get(1).exit(exited(7));
        now += 5;
        pass(bad);
        // a crash of a process that ran a while is respawned in the same pass, without delay
        assertThat(bad.state()).isEqualTo(STARTING);
        assertThat(children).hasSize(3);
        assertThat(bad.spawnerr).isNull();
        assertThat(log).contains("WARN exited: bad (exit status 7; not expected)");
    }

    @Test
    void autorestartFalseAndTrue() {
        Subprocess never = process(program("n", "true").startsecs(0).autorestart(AutoRestart.FALSE));
        pass(never);
        now += 1;
        pass(never);
        children.get(0).exit(exited(5));
        now += 1;
        pass(never);
        assertThat(never.state()).isEqualTo(EXITED);
        Subprocess always = process(program("a", "true").startsecs(0).autorestart(AutoRestart.TRUE));
        pass(always);
        now += 1;
        pass(always);
        children.get(1).exit(exited(0));
        now += Subprocess.RESTART_PACING_MS;
        pass(always);
        assertThat(always.state()).isEqualTo(STARTING);
    }

    @Test
    void stopSendsStopsignalThenSigkillAfterStopwaitsecs() {
        Subprocess p = process(program("s", "true").startsecs(0).stopsignal(org.jsupervisor.common.Signal.INT)
                .stopwaitsecs(3));
        pass(p);
        now += 1;
        pass(p);
        assertThat(p.stop(now)).isNull();
        assertThat(p.state()).isEqualTo(STOPPING);
        FakeChild c = children.get(0);
        assertThat(c.signals).containsExactly(2);
        now += 2999;
        pass(p);
        assertThat(c.signals).containsExactly(2);
        now += 1;
        pass(p);
        assertThat(c.signals).containsExactly(2, 9);
        assertThat(log).contains("WARN killing 's' (1000) with SIGKILL");
        c.exit(killedBy(9));
        pass(p);
        assertThat(p.state()).isEqualTo(STOPPED);
        assertThat(p.exitstatus).isEqualTo(-1);
        assertThat(log).contains("WARN stopped: s (terminated by SIGKILL)");
    }

    @Test
    void stopasgroupAndKillasgroupSignalTheProcessGroup() {
        Subprocess p = process(program("g", "true").startsecs(0).stopasgroup(true).stopwaitsecs(1));
        pass(p);
        p.stop(now);
        now += 1000;
        pass(p);
        assertThat(children.get(0).signals).containsExactly(-15, -9);
    }

    @Test
    void stoppingABackoffProcessGoesStraightToStopped() {
        Subprocess p = process(program("b", "true").startsecs(10));
        pass(p);
        children.get(0).exit(exited(1));
        now += 5;
        pass(p);
        assertThat(p.state()).isEqualTo(BACKOFF);
        assertThat(p.stop(now)).isNull();
        assertThat(p.state()).isEqualTo(STOPPED);
        now += 60_000;
        pass(p);
        assertThat(p.state()).isEqualTo(STOPPED); // laststart is set: autostart does not apply again
    }

    @Test
    void noSpawnsWhileTheDaemonIsShuttingDown() {
        Subprocess p = process(program("x", "true").startsecs(0).autorestart(AutoRestart.TRUE));
        accepting = false;
        pass(p);
        assertThat(p.state()).isEqualTo(STOPPED);
        assertThat(children).isEmpty();
    }

    @Test
    void anExitIsCollectedOnlyOnceTheOutputIsDrainedOrTheGraceIsOver() {
        Subprocess p = process(program("d", "true").startsecs(0));
        pass(p);
        FakeChild c = children.get(0);
        c.listener.onExit(exited(0)); // reaped, pipes still open (a grandchild holds them)
        now += 10;
        pass(p);
        assertThat(p.state()).isNotIn(EXITED, STARTING);
        assertThat(p.nextDeadline()).isLessThanOrEqualTo(now + Subprocess.DRAIN_GRACE_MS);
        now += Subprocess.DRAIN_GRACE_MS;
        pass(p);
        assertThat(states()).contains(EXITED);
    }

    @Test
    void everyChangeIsPublishedWithItsOrigin() {
        Subprocess p = process(program("e", "true").startsecs(0));
        pass(p);
        now += 1;
        pass(p);
        children.get(0).exit(exited(0));
        now += 1;
        pass(p);
        List<ProcessStateEvent> evs = events.stream().map(e -> (ProcessStateEvent) e).toList();
        assertThat(evs).extracting(ProcessStateEvent::from).startsWith(STOPPED, STARTING, RUNNING);
        assertThat(evs).extracting(ProcessStateEvent::to).startsWith(STARTING, RUNNING, EXITED);
        assertThat(evs.get(2).expected()).isTrue();
        assertThat(evs.get(2).typeName()).isEqualTo("PROCESS_STATE_EXITED");
    }

    @Test
    void startsecsCountsFromTheMomentTheChildExistsAndSuccessComesStrictlyAfter() {
        spawnCost = 40; // a slow fork/exec on a loaded machine
        Subprocess p = process(program("slow", "sleep 100").startsecs(3));
        long before = now;
        pass(p);
        long spawnedAt = before + 40;
        assertThat(p.laststart).isEqualTo(spawnedAt);
        assertThat(p.nextDeadline()).isEqualTo(spawnedAt + 3001);
        now = before + 3001; // three seconds after the pass began, but not after the spawn
        pass(p);
        assertThat(p.state()).isEqualTo(STARTING);
        now = spawnedAt + 3000;
        pass(p);
        assertThat(p.state()).isEqualTo(STARTING);
        now = spawnedAt + 3001;
        pass(p);
        assertThat(p.state()).isEqualTo(RUNNING);
    }

    @Test
    void aProcessThatExitsAtOnceIsRespawnedNoSoonerThanThePacingIntervalAfterItsSpawn() {
        Subprocess p = process(program("crasher", "sh -c 'exit 3'").startsecs(0).exitcodes(0));
        pass(p);
        long spawnedAt = p.laststart;
        now += 5;
        pass(p);
        assertThat(p.state()).isEqualTo(RUNNING);
        children.get(0).exit(exited(3));
        pass(p);
        // reaped and drained, but held: still RUNNING, no respawn, the timer set for the end of the hold
        assertThat(p.state()).isEqualTo(RUNNING);
        assertThat(children).hasSize(1);
        assertThat(p.nextDeadline()).isEqualTo(spawnedAt + Subprocess.RESTART_PACING_MS);
        now = spawnedAt + Subprocess.RESTART_PACING_MS - 1;
        pass(p);
        assertThat(children).hasSize(1);
        now = spawnedAt + Subprocess.RESTART_PACING_MS;
        pass(p);
        assertThat(log).contains("WARN exited: crasher (exit status 3; not expected)");
        assertThat(states()).containsSubsequence(RUNNING, EXITED, STARTING);
        assertThat(p.state()).isEqualTo(STARTING);
        assertThat(children).hasSize(2);
    }

    @Test
    void aStopDuringTheHoldFindsTheProcessRunningAndEndsStoppedAtOnce() {
        Subprocess p = process(program("crasher", "sh -c 'exit 3'").startsecs(0).exitcodes(0));
        pass(p);
        now += 5;
        pass(p);
        children.get(0).exit(exited(3));
        pass(p);
        assertThat(p.state().isRunningState()).isTrue();
        assertThat(p.stop(now)).isNull();
        pass(p);
        assertThat(p.state()).isEqualTo(STOPPED);
        assertThat(children).hasSize(1);
        assertThat(log).contains("WARN stopped: crasher (exit status 3)");
    }

    @Test
    void quickExitsThatAreNotRestartedAreRecordedAtOnce() {
        Subprocess p = process(program("once", "true").startsecs(0).exitcodes(0));
        pass(p);
        now += 5;
        pass(p);
        children.get(0).exit(exited(0));
        pass(p);
        assertThat(p.state()).isEqualTo(EXITED);
    }

    @Test
    void anApiStartOfAStartsecsZeroProgramSucceedsEvenIfItExitsBeforeTheNextPass() {
        Subprocess p = process(program("quick", "true").startsecs(0).autostart(false)
                .autorestart(AutoRestart.FALSE));
        pass(p);
        List<Waiter> waiters = new ArrayList<>();
        var started = ProcessActions.start(p, now, true, waiters);
        assertThat(p.state()).isEqualTo(RUNNING); // at once, as Supervisor's startProcess
        children.get(0).exit(exited(0));           // same millisecond: before any pass
        pass(p);
        assertThat(p.state()).isEqualTo(EXITED);
        assertThat(started).isCompleted(); // answered True, no waiter left to fail it
        assertThat(waiters).isEmpty();
        assertThat(log).contains("INFO exited: quick (exit status 0; expected)");
    }
}
