package org.jsupervisor.supervisord.events;

import org.jsupervisor.common.ProcessState;
import org.jsupervisor.supervisord.engine.event.ProcessCommunicationEvent;
import org.jsupervisor.supervisord.engine.event.ProcessGroupEvent;
import org.jsupervisor.supervisord.engine.event.ProcessLogEvent;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.jsupervisor.supervisord.engine.event.RemoteCommunicationEvent;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.engine.event.TickEvent;

/**
 * The payload and envelope of each event type, byte for byte as Supervisor 4.2.5 writes
 * them to a listener's stdin (see docs/events.md for the formats).
 */
public final class Payloads {
    private Payloads() {
    }

    /** The body that follows the envelope's header line. */
    public static String payload(SupervisorEvent event) {
        if (event instanceof ProcessStateEvent e) {
            return processState(e);
        } else if (event instanceof ProcessLogEvent e) {
            return "processname:" + e.process().name() + " groupname:" + e.process().group() + " pid:" + e.pid()
                    + " channel:" + e.channel().label() + "\n" + PyText.decodeOrRepr(e.data());
        } else if (event instanceof ProcessCommunicationEvent e) {
            return "processname:" + e.process().name() + " groupname:" + e.process().group() + " pid:" + e.pid()
                    + "\n" + PyText.decodeOrRepr(e.data());
        } else if (event instanceof RemoteCommunicationEvent e) {
            return "type:" + e.type() + "\n" + e.data();
        } else if (event instanceof ProcessGroupEvent e) {
            return "groupname:" + e.group() + "\n";
        } else if (event instanceof TickEvent e) {
            return "when:" + e.when();
        }
        return ""; // SUPERVISOR_STATE_CHANGE_*: no body
    }

    private static String processState(ProcessStateEvent e) {
        StringBuilder s = new StringBuilder().append("processname:").append(e.process().name())
                .append(" groupname:").append(e.process().group())
                .append(" from_state:").append(e.from().name());
        ProcessState to = e.to();
        switch (to) {
            case STARTING, BACKOFF -> s.append(" tries:").append(e.tries());
            case EXITED -> s.append(" expected:").append(e.expected() ? 1 : 0).append(" pid:").append(e.pid());
            case RUNNING, STOPPING, STOPPED -> s.append(" pid:").append(e.pid());
            default -> {
                // FATAL and UNKNOWN carry no extra fields
            }
        }
        return s.toString();
    }

    /**
     * The whole message: {@code ver:3.0 server:ID serial:N pool:P poolserial:N eventname:X len:N\n}
     * and the payload. {@code len} counts characters, as Supervisor's does.
     */
    public static String envelope(String identifier, long serial, String pool, long poolSerial, String eventName,
            String payload) {
        return "ver:3.0 server:" + identifier + " serial:" + serial + " pool:" + pool + " poolserial:" + poolSerial
                + " eventname:" + eventName + " len:" + PyText.pyLen(payload) + "\n" + payload;
    }
}
