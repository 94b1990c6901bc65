package org.jsupervisor.common;

/**
 * The states of a supervised process, with the numeric codes Supervisor's API reports.
 * Which transitions are legal is decided by the engine; this type only names them.
 */
public enum ProcessState {
    STOPPED(0),
    STARTING(10),
    RUNNING(20),
    BACKOFF(30),
    STOPPING(40),
    EXITED(100),
    FATAL(200),
    UNKNOWN(1000);

    private final int code;

    ProcessState(int code) {
        this.code = code;
    }

    /** The number the XML-RPC API sends in {@code state}. */
    public int code() {
        return code;
    }

    /** Supervisor's RUNNING_STATES: what a start skips and a stop acts on. */
    public boolean isRunningState() {
        return this == RUNNING || this == BACKOFF || this == STARTING;
    }

    /** Supervisor's STOPPED_STATES: where a stop has ended. */
    public boolean isStoppedState() {
        return this == STOPPED || this == EXITED || this == FATAL || this == UNKNOWN;
    }

    /** Supervisor's SIGNALLABLE_STATES. */
    public boolean isSignallable() {
        return this == RUNNING || this == STARTING || this == STOPPING;
    }
}
