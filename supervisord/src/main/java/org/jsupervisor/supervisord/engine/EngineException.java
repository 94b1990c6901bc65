package org.jsupervisor.supervisord.engine;

import java.util.Optional;

/**
 * Why an engine request failed, named after the Supervisor fault the API answers with.
 * The fault text is {@code FAILURE} or {@code FAILURE: detail}.
 */
public final class EngineException extends RuntimeException {

    /** The failures the engine reports; the control plane maps each to a fault code. */
    public enum Failure {
        BAD_NAME, BAD_ARGUMENTS, NO_FILE, NOT_EXECUTABLE, FAILED, ABNORMAL_TERMINATION,
        SPAWN_ERROR, ALREADY_STARTED, NOT_RUNNING, ALREADY_ADDED, STILL_RUNNING, CANT_REREAD,
        SHUTDOWN_STATE
    }

    private final Failure failure;
    private final String detail;

    public EngineException(Failure failure, String detail) {
        super(detail == null ? failure.name() : failure.name() + ": " + detail, null, false, false);
        this.failure = failure;
        this.detail = detail;
    }

    public EngineException(Failure failure) {
        this(failure, null);
    }

    public Failure failure() {
        return failure;
    }

    /** The text after {@code FAILURE: } in the fault string, if any. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
