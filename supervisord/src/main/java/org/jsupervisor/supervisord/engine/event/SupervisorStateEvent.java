package org.jsupervisor.supervisord.engine.event;

/** {@code SUPERVISOR_STATE_CHANGE_RUNNING} or {@code SUPERVISOR_STATE_CHANGE_STOPPING}. */
public record SupervisorStateEvent(boolean running) implements SupervisorEvent {
    @Override
    public String typeName() {
        return running ? "SUPERVISOR_STATE_CHANGE_RUNNING" : "SUPERVISOR_STATE_CHANGE_STOPPING";
    }
}
