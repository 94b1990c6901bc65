package org.jsupervisor.supervisord.engine;

import java.nio.ByteBuffer;
import java.util.Map;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.PyRepr;
import org.jsupervisor.common.config.ProcessConfig;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.jsupervisor.supervisord.logging.ChildStreamLog;

import static org.jsupervisor.common.ProcessState.BACKOFF;
import static org.jsupervisor.common.ProcessState.EXITED;
import static org.jsupervisor.common.ProcessState.FATAL;
import static org.jsupervisor.common.ProcessState.RUNNING;
import static org.jsupervisor.common.ProcessState.STARTING;
import static org.jsupervisor.common.ProcessState.STOPPED;
import static org.jsupervisor.common.ProcessState.STOPPING;
import static org.jsupervisor.common.ProcessState.UNKNOWN;

/**
 * One supervised process and its state machine, with Supervisor's transitions, timings and
 * log lines. Each action ({@link #spawn}, {@link #kill}, {@link #finish}, {@link #giveUp})
 * states the states it may run from; {@link #changeState} is the one place a state is
 * assigned and its event published; time-driven transitions are all in
 * {@link #transition(long)}, which takes {@code now} and is run after anything happens.
 *
 * <p>Threading: confined to the engine thread, except the output callbacks, which write
 * straight into the stream logs (thread-safe) from the I/O thread.
 */
final class Subprocess {
    /** How long to wait for the pipes' EOF after the reap, so the last output is logged first. */
    static final long DRAIN_GRACE_MS = 50;
    /**
     * The shortest time between two automatic spawns of a process that keeps exiting at once
     * with {@code startsecs=0} (a crash loop BACKOFF does not slow down): at most 10 spawns a
     * second, where Supervisor 4.2.5's loop, measured on the same machine, did 2.5 to 11.
     */
    static final long RESTART_PACING_MS = 100;

    private final ProcessHost host;
    final ProcessId id;
    final ProcessConfig config;
    final ChildStreamLog stdoutLog;
    final ChildStreamLog stderrLog;

    ProcessState state = STOPPED;
    long pid;
    /** The pid output events report; set from I/O threads as soon as the child exists. */
    private volatile long outputPid;
    long laststart;
    long laststop;
    long laststopreport;
    long delay;
    int backoff;
    boolean killing;
    boolean administrativeStop;
    boolean systemStop;
    Integer exitstatus;
    String spawnerr;
    private Run run;

    Subprocess(ProcessHost host, ProcessId id, ProcessConfig config, ChildStreamLog stdoutLog,
            ChildStreamLog stderrLog) {
        this.host = host;
        this.id = id;
        this.config = config;
        this.stdoutLog = stdoutLog;
        this.stderrLog = stderrLog;
    }

    String name() {
        return config.name();
    }

    ProcessState state() {
        return state;
    }

    // ---- the one place a state changes ------------------------------------------------

    private boolean changeState(ProcessState newState, boolean expected, long now) {
        ProcessState old = state;
        if (newState == old) {
            return false;
        }
        state = newState;
        if (newState == BACKOFF) {
            backoff++;
            delay = now + backoff * 1000L;
        }
        host.publish(new ProcessStateEvent(id, old, newState, pid, backoff, expected));
        return true;
    }

    private void assertInState(ProcessState... allowed) {
        for (ProcessState s : allowed) {
            if (state == s) {
                return;
            }
        }
        StringBuilder names = new StringBuilder();
        for (ProcessState s : allowed) {
            names.append(names.length() == 0 ? "" : " ").append(s.name());
        }
        throw new IllegalStateException("Assertion failed for " + name() + ": " + state + " not in " + names);
    }

    private void recordSpawnerr(String msg) {
        spawnerr = msg;
        host.log().info("spawnerr: " + msg);
    }

    // ---- actions -------------------------------------------------------------------------

    /** Starts the child. Allowed from EXITED, FATAL, BACKOFF, STOPPED. */
    void spawn(long now) {
        String processname = name();
        if (pid != 0) {
            host.log().warn("process " + PyRepr.of(processname) + " already running");
            return;
        }
        killing = false;
        spawnerr = null;
        exitstatus = null;
        systemStop = false;
        administrativeStop = false;
        laststart = now;
        assertInState(EXITED, FATAL, BACKOFF, STOPPED);
        changeState(STARTING, true, now);

        ExecResolver.Resolved exec;
        Map<String, String> env = environment();
        try {
            exec = ExecResolver.resolve(config.command(), env.get("PATH"));
        } catch (ExecResolver.ExecException e) {
            recordSpawnerr(e.getMessage());
            assertInState(STARTING);
            changeState(BACKOFF, true, now);
            return;
        }
        Launcher.Spec spec = ChildSpecs.spec(config, exec, env);
        Run r = new Run();
        Launcher.Child child;
        try {
            child = host.launcher().spawn(spec, r);
        } catch (Launcher.SpawnException e) {
            recordSpawnerr(ChildSpecs.spawnFailure(processname, e));
            assertInState(STARTING);
            changeState(BACKOFF, true, now);
            return;
        }
        r.child = child;
        run = r;
        pid = child.pid();
        host.spawned();
        host.log().info("spawned: " + PyRepr.of(processname) + " with pid " + pid);
        // startsecs counts from the moment the child exists, read after the "spawned" line
        // is stamped: a fork/exec can take tens of milliseconds on a loaded machine, and
        // "success" must never come less than startsecs after "spawned".
        laststart = Math.max(now, host.now());
        spawnerr = null;
        delay = laststart + config.startsecs() * 1000L;
    }

    /** The child's environment, layered as Supervisor layers it. */
    Map<String, String> environment() {
        return ChildSpecs.environment(config, id, host.baseEnvironment(), host.serverUrl());
    }

    /** Administrative stop: the stop signal, then SIGKILL after stopwaitsecs. */
    String stop(long now) {
        administrativeStop = true;
        laststopreport = 0;
        return kill(config.stopsignal().number(), now);
    }

    /** Logs "waiting for X to stop", at most every 2 seconds (while a stop is being waited for). */
    void stopReport(long now) {
        if (state == STOPPING && now > laststopreport + 2000) {
            host.log().info("waiting for " + name() + " to stop");
            laststopreport = now;
        }
    }

    /** BACKOFF to FATAL. */
    void giveUp(long now) {
        delay = 0;
        backoff = 0;
        systemStop = true;
        assertInState(BACKOFF);
        changeState(FATAL, true, now);
    }

    /**
     * Signals the child with the intention to make it exit. Returns null if sent (or the
     * process was in BACKOFF and is now STOPPED), else Supervisor's error message.
     */
    String kill(int sig, long now) {
        String processname = name();
        if (state == BACKOFF) {
            host.log().debug("Attempted to kill " + processname + ", which is in BACKOFF state.");
            changeState(STOPPED, true, now);
            return null;
        }
        if (pid == 0) {
            String msg = "attempted to kill " + processname + " with sig " + CommandLine.signame(sig)
                    + " but it wasn't running";
            host.log().debug(msg);
            return msg;
        }
        boolean asGroup = state == STOPPING ? config.killasgroup() : config.stopasgroup();
        host.log().debug("killing " + processname + " (pid " + pid + ") " + (asGroup ? "process group " : "")
                + "with signal " + CommandLine.signame(sig));
        killing = true;
        delay = now + config.stopwaitsecs() * 1000L;
        assertInState(RUNNING, STARTING, STOPPING);
        changeState(STOPPING, true, now);
        int err = run == null || run.waitStatus != null ? Posix.ESRCH : run.child.signal(sig, asGroup);
        if (err == Posix.ESRCH) {
            host.log().debug("unable to signal " + processname + " (pid " + pid
                    + "), it probably just exited on its own: [Errno 3] No such process");
            return null;
        }
        if (err != 0) {
            String msg = "unknown problem killing " + processname + " (" + pid + "):errno " + err;
            host.log().critical(msg);
            changeState(UNKNOWN, true, now);
            killing = false;
            delay = 0;
            return msg;
        }
        return null;
    }

    /** Sends a signal without the intention to stop. Null if sent, else the error message. */
    String signal(int sig, long now) {
        String processname = name();
        if (pid == 0) {
            String msg = "attempted to send " + processname + " sig " + CommandLine.signame(sig)
                    + " but it wasn't running";
            host.log().debug(msg);
            return msg;
        }
        host.log().debug("sending " + processname + " (pid " + pid + ") sig " + CommandLine.signame(sig));
        assertInState(RUNNING, STARTING, STOPPING);
        int err = run == null || run.waitStatus != null ? Posix.ESRCH : run.child.signal(sig, false);
        if (err == Posix.ESRCH) {
            host.log().debug("unable to signal " + processname + " (pid " + pid
                    + "), it probably just now exited on its own: [Errno 3] No such process");
            return null;
        }
        if (err != 0) {
            String msg = "unknown problem sending sig " + processname + " (" + pid + "):errno " + err;
            host.log().critical(msg);
            changeState(UNKNOWN, true, now);
            return msg;
        }
        return null;
    }

    /** Writes to the child's stdin; false if it has no open stdin. */
    boolean write(byte[] data) {
        return run != null && run.child != null && run.child.writeStdin(data);
    }

    /** The child was reaped and its output drained: record how it ended. */
    void finish(int waitStatus, long now) {
        int es = CommandLine.exitStatus(waitStatus);
        String msg = CommandLine.describeWaitStatus(waitStatus);
        laststop = now;
        String processname = name();
        boolean tooQuickly;
        // Equal is possible at millisecond resolution (Supervisor's float clock never is).
        if (now >= laststart) {
            tooQuickly = now - laststart < config.startsecs() * 1000L;
        } else {
            tooQuickly = false;
            host.log().warn("process " + PyRepr.of(processname) + " (" + pid + ") laststart time is in the "
                    + "future, don't know how long process was running so assuming it did not exit too quickly");
        }
        boolean expected = config.exitcodes().contains(es);
        if (killing) {
            killing = false;
            delay = 0;
            exitstatus = es;
            String line = "stopped: " + processname + " (" + msg + ")";
            assertInState(STOPPING);
            changeState(STOPPED, true, now);
            if (expected) {
                host.log().info(line);
            } else {
                host.log().warn(line);
            }
        } else if (tooQuickly) {
            exitstatus = null;
            spawnerr = "Exited too quickly (process log may have details)";
            assertInState(STARTING);
            changeState(BACKOFF, true, now);
            host.log().warn("exited: " + processname + " (" + msg + "; not expected)");
        } else {
            delay = 0;
            backoff = 0;
            exitstatus = es;
            if (state == STARTING) {
                changeState(RUNNING, true, now);
            }
            assertInState(RUNNING);
            if (expected) {
                changeState(EXITED, true, now);
                host.log().info("exited: " + processname + " (" + msg + "; expected)");
            } else {
                spawnerr = "Bad exit code " + es;
                changeState(EXITED, false, now);
                host.log().warn("exited: " + processname + " (" + msg + "; not expected)");
            }
        }
        pid = 0;
        outputPid = 0;
        if (run != null) {
            run.child.release();
        }
        run = null;
    }

    /** An immutable snapshot for the API. */
    ProcessInfo snapshot(long now) {
        return new ProcessInfo(id, state, pid, instant(laststart), instant(laststop), java.time.Instant.ofEpochMilli(now),
                exitstatus == null ? 0 : exitstatus, spawnerr == null ? "" : spawnerr,
                stdoutLog == null ? "" : stdoutLog.path().map(Object::toString).orElse(""),
                stderrLog == null ? "" : stderrLog.path().map(Object::toString).orElse(""), config);
    }

    /** The pid for PROCESS_LOG events; safe to call from the launcher's I/O threads. */
    long outputPid() {
        long p = outputPid;
        return p != 0 ? p : pid;
    }

    private static java.time.Instant instant(long millis) {
        return millis == 0 ? java.time.Instant.EPOCH : java.time.Instant.ofEpochMilli(millis);
    }

    // ---- time-driven transitions ----------------------------------------------------------

    /**
     * Finishes a reaped child once its output is drained (or the grace period is over) and,
     * for a child that lived less than {@link #RESTART_PACING_MS} and would be restarted at
     * once, not before that long after its spawn (see {@link #exitDueAt}).
     */
    void collectExit(long now) {
        Run r = run;
        if (r != null && r.waitStatus != null && now >= exitDueAt(r)) {
            finish(r.waitStatus, now);
        }
    }

    /**
     * When a reaped child's exit may be recorded. Normally once its pipes are drained (0: at
     * once) or the drain grace is over. But a child that exits without being "too quick"
     * (so no BACKOFF slows it down, which with {@code startsecs=0} is every exit) and whose
     * exit autorestart would answer with an immediate respawn, is held until
     * {@link #RESTART_PACING_MS} after its spawn: it shows RUNNING meanwhile (as in Supervisor,
     * whose loop only notices an exit at its next iteration), then EXITED and the respawn
     * happen in one pass. A crash of a process that ran longer is not delayed at all.
     */
    private long exitDueAt(Run r) {
        long due = r.drained() ? 0 : r.reapedAt + DRAIN_GRACE_MS;
        if (!killing && r.reapedAt - laststart >= config.startsecs() * 1000L
                && r.reapedAt < laststart + RESTART_PACING_MS && restartsAfter(r.waitStatus)) {
            due = Math.max(due, laststart + RESTART_PACING_MS);
        }
        return due;
    }

    /** Whether autorestart respawns after this exit (the daemon's mood aside). */
    private boolean restartsAfter(int waitStatus) {
        return config.autorestart().restartsAfter(config.exitcodes().contains(CommandLine.exitStatus(waitStatus)));
    }

    /** Every transition that depends on time or on the daemon's mood. */
    void transition(long now) {
        ProcessState s = state;
        String processname = name();
        if (host.acceptingStarts()) {
            if (s == EXITED) {
                if (config.autorestart().restartsAfter(exitstatus != null && config.exitcodes().contains(exitstatus))) {
                    spawn(now);
                }
            } else if (s == STOPPED && laststart == 0) {
                if (config.autostart()) {
                    spawn(now);
                }
            } else if (s == BACKOFF) {
                if (backoff <= config.startretries() && now > delay) {
                    spawn(now);
                }
            }
        }
        if (s == STARTING && now - laststart > config.startsecs() * 1000L) {
            delay = 0;
            backoff = 0;
            assertInState(STARTING);
            changeState(RUNNING, true, now);
            host.log().info("success: " + processname + " entered RUNNING state, process has stayed up for > than "
                    + config.startsecs() + " seconds (startsecs)");
        }
        if (s == BACKOFF) {
            if (backoff > config.startretries()) {
                giveUp(now);
                host.log().info("gave up: " + processname + " entered FATAL state, too many start retries too quickly");
            }
        } else if (s == STOPPING && delay - now <= 0) {
            host.log().warn("killing " + PyRepr.of(processname) + " (" + pid + ") with SIGKILL");
            kill(9, now);
        }
    }

    /** When {@link #transition}/{@link #collectExit} next need to run for this process, or MAX_VALUE. */
    long nextDeadline() {
        long d = Long.MAX_VALUE;
        if (run != null && run.waitStatus != null) {
            d = Math.min(d, exitDueAt(run));
        }
        switch (state) {
            case STARTING -> d = Math.min(d, laststart + config.startsecs() * 1000L + 1);
            case BACKOFF -> d = Math.min(d, backoff <= config.startretries() ? delay + 1 : 0);
            case STOPPING -> d = Math.min(d, delay);
            default -> {
            }
        }
        return d;
    }

    /** The current child's output and exit, as reported by the launcher's threads. */
    private final class Run implements Launcher.ChildListener {
        Launcher.Child child;
        Integer waitStatus;
        long reapedAt;
        boolean stdoutEof;
        boolean stderrEof;

        boolean drained() {
            return stdoutEof && stderrEof;
        }

        @Override
        public void onStart(long childPid) {
            outputPid = childPid;
        }

        @Override
        public void onOutput(OutputChannel channel, ByteBuffer data) {
            ChildStreamLog log = channel == OutputChannel.STDOUT || config.redirectStderr() ? stdoutLog : stderrLog;
            if (log != null) {
                log.write(data);
            }
        }

        @Override
        public void onEof(OutputChannel channel) {
            // with redirect_stderr the stderr "stream" ends at once and is not the stdout log's end
            boolean ownStream = channel == OutputChannel.STDOUT || !config.redirectStderr();
            ChildStreamLog log = channel == OutputChannel.STDOUT ? stdoutLog : stderrLog;
            if (ownStream && log != null) {
                log.endOfStream();
            }
            host.onEngineThread(() -> {
                if (channel == OutputChannel.STDOUT) {
                    stdoutEof = true;
                } else {
                    stderrEof = true;
                }
            });
        }

        @Override
        public void onExit(int status) {
            host.onEngineThread(() -> {
                waitStatus = status;
                reapedAt = host.now();
            });
        }
    }
}
