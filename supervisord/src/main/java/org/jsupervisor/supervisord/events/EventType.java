package org.jsupervisor.supervisord.events;

import java.util.Locale;
import java.util.Optional;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;

/**
 * Supervisor's event type names and their hierarchy. A pool subscribes to names; an abstract
 * name ({@code EVENT}, {@code PROCESS_STATE}, ...) matches every concrete type below it.
 * Concrete events carry their own name ({@link SupervisorEvent#typeName()}), which is the
 * {@code eventname:} of the envelope.
 */
public enum EventType {
    EVENT(null),
    PROCESS_STATE(EVENT),
    PROCESS_STATE_STOPPED(PROCESS_STATE),
    PROCESS_STATE_EXITED(PROCESS_STATE),
    PROCESS_STATE_STARTING(PROCESS_STATE),
    PROCESS_STATE_STOPPING(PROCESS_STATE),
    PROCESS_STATE_BACKOFF(PROCESS_STATE),
    PROCESS_STATE_FATAL(PROCESS_STATE),
    PROCESS_STATE_RUNNING(PROCESS_STATE),
    PROCESS_STATE_UNKNOWN(PROCESS_STATE),
    PROCESS_COMMUNICATION(EVENT),
    PROCESS_COMMUNICATION_STDOUT(PROCESS_COMMUNICATION),
    PROCESS_COMMUNICATION_STDERR(PROCESS_COMMUNICATION),
    // Supervisor raises the abstract PROCESS_LOG type's subclasses only, but the name is
    // subscribable like the others.
    PROCESS_LOG(EVENT),
    PROCESS_LOG_STDOUT(PROCESS_LOG),
    PROCESS_LOG_STDERR(PROCESS_LOG),
    REMOTE_COMMUNICATION(EVENT),
    SUPERVISOR_STATE_CHANGE(EVENT),
    SUPERVISOR_STATE_CHANGE_RUNNING(SUPERVISOR_STATE_CHANGE),
    SUPERVISOR_STATE_CHANGE_STOPPING(SUPERVISOR_STATE_CHANGE),
    TICK(EVENT),
    TICK_5(TICK),
    TICK_60(TICK),
    TICK_3600(TICK),
    PROCESS_GROUP(EVENT),
    PROCESS_GROUP_ADDED(PROCESS_GROUP),
    PROCESS_GROUP_REMOVED(PROCESS_GROUP);

    private final EventType parent;

    EventType(EventType parent) {
        this.parent = parent;
    }

    /** True if a subscription to this type receives events of type {@code concrete}. */
    public boolean includes(EventType concrete) {
        for (EventType t = concrete; t != null; t = t.parent) {
            if (t == this) {
                return true;
            }
        }
        return false;
    }

    /** The type of an engine event. */
    public static EventType of(SupervisorEvent event) {
        return valueOf(event.typeName());
    }

    /** Looks a subscription name up as Supervisor does (case-insensitively). */
    public static Optional<EventType> named(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
