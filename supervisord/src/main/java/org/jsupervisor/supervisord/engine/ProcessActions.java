package org.jsupervisor.supervisord.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.Signal;
import org.jsupervisor.supervisord.engine.EngineException.Failure;

/**
 * The per-process API actions with Supervisor's checks and faults (rpcinterface's
 * startProcess, stopProcess, signalProcess, sendProcessStdin, clearProcessLogs). Run on
 * the engine thread; a waiting request is registered as a {@link Waiter} that the engine
 * settles after every pass.
 */
final class ProcessActions {
    private ProcessActions() {
    }

    static CompletableFuture<Void> start(Subprocess p, long now, boolean wait, List<Waiter> waiters) {
        ProcessId id = p.id;
        try {
            ExecResolver.resolve(p.config.command(), p.environment().get("PATH"));
        } catch (ExecResolver.ExecException e) {
            throw new EngineException(e.notFound() ? Failure.NO_FILE : Failure.NOT_EXECUTABLE, e.getMessage());
        }
        if (p.state.isRunningState()) {
            throw new EngineException(Failure.ALREADY_STARTED, id.namespec());
        }
        if (p.state == ProcessState.UNKNOWN) {
            throw new EngineException(Failure.FAILED, id.namespec() + " is in an unknown process state");
        }
        p.spawn(now);
        if (p.spawnerr != null) {
            throw new EngineException(Failure.SPAWN_ERROR, id.namespec());
        }
        // Supervisor's startProcess runs the process's transition right after the spawn, on a
        // clock that has moved on by then: with startsecs=0 the process is RUNNING before an
        // exit can be seen, so a program that exits at once still started successfully.
        if (p.state == ProcessState.STARTING && p.config.startsecs() == 0) {
            p.transition(p.laststart + 1);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!wait || p.state == ProcessState.RUNNING) {
            f.complete(null);
        } else {
            waiters.add(new Waiter(f, now2 -> {
                if (p.spawnerr != null) {
                    throw new EngineException(Failure.SPAWN_ERROR, id.namespec());
                }
                if (p.state != ProcessState.STARTING && p.state != ProcessState.RUNNING) {
                    throw new EngineException(Failure.ABNORMAL_TERMINATION, id.namespec());
                }
                return p.state == ProcessState.RUNNING;
            }, () -> Long.MAX_VALUE));
        }
        return f;
    }

    static CompletableFuture<Void> stop(Subprocess p, long now, boolean wait, List<Waiter> waiters) {
        ProcessId id = p.id;
        if (!p.state.isRunningState()) {
            throw new EngineException(Failure.NOT_RUNNING, id.namespec());
        }
        String msg = p.stop(now);
        if (msg != null) {
            throw new EngineException(Failure.FAILED, msg);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!wait) {
            f.complete(null);
        } else {
            // Supervisor reports on its first look at a waiting stop, before the child is reaped.
            p.stopReport(now);
            waiters.add(new Waiter(f, t -> {
                p.stopReport(t);
                return p.state.isStoppedState();
            }, () -> p.laststopreport + 2001));
        }
        return f;
    }

    static CompletableFuture<Void> signal(Subprocess p, long now, Signal signal) {
        ProcessId id = p.id;
        if (!p.state.isSignallable()) {
            throw new EngineException(Failure.NOT_RUNNING, id.namespec());
        }
        String msg = p.signal(signal.number(), now);
        if (msg != null) {
            throw new EngineException(Failure.FAILED, msg);
        }
        return CompletableFuture.completedFuture(null);
    }

    static CompletableFuture<Void> sendStdin(Subprocess p, byte[] copy) {
        ProcessId id = p.id;
        if (p.pid == 0 || p.killing) {
            throw new EngineException(Failure.NOT_RUNNING, id.namespec());
        }
        if (!p.write(copy)) {
            throw new EngineException(Failure.NO_FILE, id.namespec());
        }
        return CompletableFuture.completedFuture(null);
    }

    static CompletableFuture<Void> clearLogs(Subprocess p) {
        ProcessId id = p.id;
        if (p.pid == 0) {
            // Supervisor clears through the live child's output dispatchers: with no child
            // there are none, the call succeeds and the files stay as they are.
            return CompletableFuture.completedFuture(null);
        }
        try {
            if (p.stdoutLog != null) {
                p.stdoutLog.clear();
            }
            if (p.stderrLog != null) {
                p.stderrLog.clear();
            }
        } catch (EngineException e) {
            throw new EngineException(Failure.FAILED, id.namespec());
        }
        return CompletableFuture.completedFuture(null);
    }

}
