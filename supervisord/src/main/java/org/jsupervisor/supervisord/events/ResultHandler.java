package org.jsupervisor.supervisord.events;

import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;

/**
 * Judges a listener's RESULT body ({@code result_handler}). Supervisor's default accepts
 * {@code OK} and rejects anything else, so the event is sent again.
 */
@FunctionalInterface
public interface ResultHandler {
    /** What became of the event. */
    enum Outcome {
        /** Done with: the listener goes back to ACKNOWLEDGED. */
        PROCESSED,
        /** Not done: the event is buffered again (at the head) and the listener ACKNOWLEDGED. */
        REJECTED,
        /** The handler failed: the event is buffered again and the listener goes UNKNOWN. */
        ERROR
    }

    /** The spec Supervisor uses when {@code result_handler} is not set. */
    String DEFAULT_SPEC = "supervisor.dispatchers:default_handler";

    Outcome handle(SupervisorEvent event, byte[] result);

    /** Supervisor's {@code default_handler}: exactly {@code OK} is success. */
    static ResultHandler defaultHandler() {
        byte[] ok = "OK".getBytes(StandardCharsets.US_ASCII);
        return (event, result) -> Arrays.equals(result, ok) ? Outcome.PROCESSED : Outcome.REJECTED;
    }
}
