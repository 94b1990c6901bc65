package org.jsupervisor.supervisord.engine.event;

/** {@code PROCESS_GROUP_ADDED} or {@code PROCESS_GROUP_REMOVED}. */
public record ProcessGroupEvent(String group, boolean added) implements SupervisorEvent {
    @Override
    public String typeName() {
        return added ? "PROCESS_GROUP_ADDED" : "PROCESS_GROUP_REMOVED";
    }
}
