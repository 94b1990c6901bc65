package org.jsupervisor.supervisord.events;

import java.util.HashMap;
import java.util.Map;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;

/**
 * An event on its way to pools: one object shared by every pool that takes it, as in
 * Supervisor, so it has one global serial and one serial per pool, both given the first time
 * a pool takes it and kept when it is buffered again.
 *
 * <p>Threading: confined to the event dispatcher's thread.
 */
final class QueuedEvent {
    final SupervisorEvent event;
    final EventType type;
    long serial = -1;
    final Map<String, Long> poolSerials = new HashMap<>(2);
    private String payload;

    QueuedEvent(SupervisorEvent event) {
        this.event = event;
        this.type = EventType.of(event);
    }

    String payload() {
        if (payload == null) {
            payload = Payloads.payload(event);
        }
        return payload;
    }
}
