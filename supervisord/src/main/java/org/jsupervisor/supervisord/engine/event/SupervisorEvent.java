package org.jsupervisor.supervisord.engine.event;

/**
 * An event on the engine's bus. Every event is an immutable record whose
 * {@link #typeName()} is Supervisor's event type name (e.g. {@code PROCESS_STATE_RUNNING}),
 * so that listener pools can match subscriptions and build Supervisor's headers and payloads.
 */
public sealed interface SupervisorEvent permits ProcessStateEvent, SupervisorStateEvent, ProcessGroupEvent,
        ProcessLogEvent, ProcessCommunicationEvent, RemoteCommunicationEvent, TickEvent {

    /** Supervisor's concrete event type name. */
    String typeName();
}
