package org.jsupervisor.supervisord.rpc;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.common.SupervisorState;
import org.jsupervisor.supervisord.engine.EngineException;
import org.jsupervisor.supervisord.engine.EngineException.Failure;

/**
 * Turns engine failures into Supervisor's faults. Supervisor puts the name the client
 * sent into most fault strings ({@code ALREADY_STARTED: foo:bar}); the engine only knows
 * the process, so those details are filled in here from the request.
 */
final class Faulting {
    /** Failures whose fault text is {@code NAME: <name as sent>} in Supervisor. */
    static final Set<Failure> NAMED = EnumSet.of(Failure.BAD_NAME, Failure.ALREADY_STARTED, Failure.SPAWN_ERROR,
            Failure.ABNORMAL_TERMINATION, Failure.NOT_RUNNING, Failure.ALREADY_ADDED, Failure.STILL_RUNNING);

    private Faulting() {
    }

    static int code(Failure f) {
        return switch (f) {
            case BAD_NAME -> Faults.BAD_NAME;
            case BAD_ARGUMENTS -> Faults.BAD_ARGUMENTS;
            case NO_FILE -> Faults.NO_FILE;
            case NOT_EXECUTABLE -> Faults.NOT_EXECUTABLE;
            case FAILED -> Faults.FAILED;
            case ABNORMAL_TERMINATION -> Faults.ABNORMAL_TERMINATION;
            case SPAWN_ERROR -> Faults.SPAWN_ERROR;
            case ALREADY_STARTED -> Faults.ALREADY_STARTED;
            case NOT_RUNNING -> Faults.NOT_RUNNING;
            case ALREADY_ADDED -> Faults.ALREADY_ADDED;
            case STILL_RUNNING -> Faults.STILL_RUNNING;
            case CANT_REREAD -> Faults.CANT_REREAD;
            case SHUTDOWN_STATE -> Faults.SHUTDOWN_STATE;
        };
    }

    /** The fault for {@code t}, which may be wrapped by a future; other exceptions pass unchanged. */
    static RuntimeException fault(Throwable t, String name) {
        return fault(t, name, NAMED);
    }

    static RuntimeException fault(Throwable t, String name, Set<Failure> named) {
        Throwable c = unwrap(t);
        if (c instanceof EngineException e) {
            String detail = named.contains(e.failure()) && name != null ? name : e.detail().orElse(null);
            return new RpcFault(code(e.failure()), detail);
        }
        if (c instanceof RuntimeException r) {
            return r;
        }
        return new CompletionException(c);
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Supervisor refuses every call but a few once it is no longer RUNNING. */
    static void requireRunning(Engine engine) {
        if (engine.state() != SupervisorState.RUNNING) {
            throw new RpcFault(Faults.SHUTDOWN_STATE);
        }
    }
}
