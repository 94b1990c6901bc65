package org.jsupervisor.common;

/** The daemon's own state, as {@code supervisor.getState} reports it. */
public enum SupervisorState {
    FATAL(2),
    RUNNING(1),
    RESTARTING(0),
    SHUTDOWN(-1);

    private final int code;

    SupervisorState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
