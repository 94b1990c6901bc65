package org.jsupervisor.supervisord.engine.event;

/** {@code REMOTE_COMMUNICATION}, sent through {@code supervisor.sendRemoteCommEvent}. */
public record RemoteCommunicationEvent(String type, String data) implements SupervisorEvent {
    @Override
    public String typeName() {
        return "REMOTE_COMMUNICATION";
    }
}
