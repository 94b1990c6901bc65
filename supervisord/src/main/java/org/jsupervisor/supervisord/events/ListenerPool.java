package org.jsupervisor.supervisord.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * An {@code [eventlistener:x]} pool at run time: the events it subscribed to wait in a
 * buffer of {@code buffer_size} (when full, the oldest is dropped with Supervisor's error
 * line) and go, oldest first, to whichever of its RUNNING listeners said READY. A rejected
 * event (FAIL, a bad result line, a listener that died while BUSY) goes back to the head.
 *
 * <p>Threading: confined to the event dispatcher's thread. Writes to listeners are queued
 * through {@link Writer} and never block.
 */
final class ListenerPool implements Listener.Pool {

    /** Sends bytes to a listener's stdin; reports a failed write back on the dispatcher thread. */
    interface Writer {
        void write(ProcessId listener, byte[] data, Runnable onFailure);
    }

    final String name;
    private final int bufferSize;
    private final List<EventType> subscriptions;
    private final ResultHandler resultHandler;
    private final String identifier;
    private final LongSupplier globalSerial;
    private final Writer writer;
    private final SupervisorLog log;
    private final ArrayDeque<QueuedEvent> buffer = new ArrayDeque<>();
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private long serial = -1;

    ListenerPool(String name, int bufferSize, List<EventType> subscriptions, List<String> processNames,
            ResultHandler resultHandler, String identifier, LongSupplier globalSerial, Writer writer, SupervisorLog log) {
        this.name = name;
        this.bufferSize = bufferSize;
        this.subscriptions = List.copyOf(subscriptions);
        this.resultHandler = resultHandler;
        this.identifier = identifier;
        this.globalSerial = globalSerial;
        this.writer = writer;
        this.log = log;
        for (String p : processNames) {
            listeners.put(p, new Listener(new ProcessId(name, p)));
        }
    }

    /**
     * How many of this pool's subscriptions match: Supervisor registers one callback per
     * subscribed type, so a pool subscribed to overlapping types takes an event more than once.
     */
    int matches(EventType type) {
        int n = 0;
        for (EventType s : subscriptions) {
            if (s.includes(type)) {
                n++;
            }
        }
        return n;
    }

    int buffered() {
        return buffer.size();
    }

    Listener listener(String processName) {
        return listeners.get(processName);
    }

    /** Takes an event into the buffer (at the head when it is being sent again). */
    void accept(QueuedEvent e, boolean head) {
        if (e.serial < 0) {
            e.serial = globalSerial.getAsLong();
        }
        if (!e.poolSerials.containsKey(name)) {
            serial = serial == Long.MAX_VALUE ? 0 : serial + 1;
            e.poolSerials.put(name, serial);
        } else {
            log.debug("rebuffering event " + e.serial + " for pool " + name + " (buf size=" + buffer.size()
                    + ", max=" + bufferSize + ")");
        }
        if (buffer.size() >= bufferSize && !buffer.isEmpty()) {
            QueuedEvent discarded = buffer.pollFirst();
            log.error("pool " + name + " event buffer overflowed, discarding event " + discarded.serial);
        }
        if (head) {
            buffer.addFirst(e);
        } else {
            buffer.addLast(e);
        }
    }

    /** A process of this pool changed state. */
    void processStateChanged(ProcessStateEvent e) {
        Listener l = listeners.get(e.process().name());
        if (l == null) {
            return;
        }
        l.processState = e.to();
        if (e.to() == ProcessState.STARTING) {
            l.spawned();
        } else if ((e.to() == ProcessState.EXITED || e.to() == ProcessState.STOPPED || e.to() == ProcessState.BACKOFF)
                && l.event != null) {
            // it died before answering: the event goes to the next listener that is READY
            reject(l);
            l.event = null;
        }
    }

    /** Bytes a listener wrote on stdout. */
    void output(String processName, byte[] data) {
        Listener l = listeners.get(processName);
        if (l != null) {
            l.feed(this, data);
        }
    }

    /** Sends buffered events while some listener can take one. */
    void dispatch() {
        boolean capable = false;
        for (Listener l : listeners.values()) {
            capable |= l.canTakeEvent();
        }
        if (!capable) {
            return;
        }
        while (!buffer.isEmpty()) {
            QueuedEvent e = buffer.pollFirst();
            if (!send(e)) {
                accept(e, true);
                break;
            }
        }
    }

    private boolean send(QueuedEvent e) {
        for (Listener l : listeners.values()) {
            if (!l.canTakeEvent()) {
                continue;
            }
            String envelope = Payloads.envelope(identifier, e.serial, name, e.poolSerials.get(name), e.type.name(),
                    e.payload());
            long generation = l.generation;
            l.state = ListenerState.BUSY;
            l.event = e;
            writer.write(l.id, envelope.getBytes(StandardCharsets.UTF_8), () -> writeFailed(l, e, generation));
            log.debug("event " + e.serial + " sent to listener " + l.name());
            return true;
        }
        return false;
    }

    /** The listener's stdin was gone (Supervisor's EPIPE case): it keeps its state, the event waits. */
    private void writeFailed(Listener l, QueuedEvent e, long generation) {
        if (l.generation != generation || l.event != e) {
            return;
        }
        log.debug("epipe occurred while sending event " + e.serial + " to listener " + l.name()
                + ", listener state unchanged");
        l.state = ListenerState.READY;
        l.event = null;
        accept(e, true);
    }

    // ---- Listener.Pool ------------------------------------------------------------------

    @Override
    public void stateChanged(Listener l, ListenerState from, ListenerState to) {
        log.debug(l.name() + ": " + from + " -> " + to);
        if (to == ListenerState.UNKNOWN) {
            log.warn(l.name() + ": has entered the UNKNOWN state and will no longer receive events, this usually "
                    + "indicates the process violated the eventlistener protocol");
        }
    }

    @Override
    public void badResultLine(Listener l, String line) {
        log.warn(l.name() + ": bad result line: '" + line + "'");
    }

    @Override
    public void reject(Listener l) {
        if (l.event != null) {
            accept(l.event, true);
        }
    }

    @Override
    public void result(Listener l, byte[] result) {
        ResultHandler.Outcome outcome;
        try {
            outcome = resultHandler.handle(l.event == null ? null : l.event.event, result);
        } catch (RuntimeException ex) {
            outcome = ResultHandler.Outcome.ERROR;
        }
        switch (outcome) {
            case PROCESSED -> {
                log.debug(l.name() + ": event was processed");
                l.change(this, ListenerState.ACKNOWLEDGED);
            }
            case REJECTED -> {
                log.warn(l.name() + ": event was rejected");
                l.change(this, ListenerState.ACKNOWLEDGED);
                reject(l);
            }
            case ERROR -> {
                log.warn(l.name() + ": event caused an error");
                l.change(this, ListenerState.UNKNOWN);
                reject(l);
            }
        }
    }
}
