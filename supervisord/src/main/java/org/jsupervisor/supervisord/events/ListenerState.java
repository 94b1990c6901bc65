package org.jsupervisor.supervisord.events;

/** Where an event listener process is in the READY / RESULT conversation. */
public enum ListenerState {
    /** Said READY; the next event goes to it. */
    READY,
    /** Has an event and owes a RESULT. */
    BUSY,
    /** Just started, or its last result was taken: waiting for READY. */
    ACKNOWLEDGED,
    /** Broke the protocol: gets no more events until it is restarted. */
    UNKNOWN
}
