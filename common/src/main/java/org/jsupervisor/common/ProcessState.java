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

    /** States in which a process has a live child (the API's "running" group). */
    public boolean isRunning() {
        return this == RUNNING || this == STARTING || this == BACKOFF || this == STOPPING;
    }

    /** States from which a start is allowed. */
    public boolean isStopped() {
        return this == STOPPED || this == EXITED || this == FATAL || this == BACKOFF;
    }

    public static ProcessState fromCode(int code) {
        for (ProcessState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown process state code " + code);
    }
}
