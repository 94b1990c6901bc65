package org.jsupervisor.supervisord.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jsupervisor.common.config.EventListenerPoolConfig;
import org.jsupervisor.common.config.GroupConfig;
import org.jsupervisor.common.config.ProcessConfig;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.jsupervisor.supervisord.engine.event.ProcessGroupEvent;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.logging.ChildStreamLog;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * Supervisor's event system on top of the engine's event bus: listener pools for
 * {@code [eventlistener:x]} groups, the global event serial and the listener protocol. The
 * events themselves (process states, PROCESS_LOG, PROCESS_COMMUNICATION from capture mode,
 * TICK, ...) are published by the engine.
 *
 * <h2>Threading</h2>
 * All pool state lives on one thread ("supervisord-events"). The engine calls
 * {@link #onEngineEvent} on its own thread; that call only hooks new listeners' stdout and
 * queues the event. Listener output arrives on I/O threads and is queued too.
 * Writes to listeners go through {@link Engine#sendStdin}, which queues them. So a slow or
 * stuck listener only fills its pool's buffer; it never holds up the engine.
 */
public final class EventDispatcher implements AutoCloseable {
    private final Engine engine;
    private final SupervisorLog log;
    private final ExecutorService thread;
    private final Map<String, ListenerPool> pools = new LinkedHashMap<>();
    private final Engine.Subscription subscription;
    private final AtomicLong serial;

    private EventDispatcher(Engine engine, SupervisorLog log, AtomicLong serial) {
        this.engine = engine;
        this.log = log;
        this.serial = serial;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "supervisord-events");
            t.setDaemon(true);
            return t;
        });
        this.subscription = engine.subscribe(this::onEngineEvent);
    }

    /**
     * Attaches the event system to an engine. Call before {@code engine.start()}, so that the
     * start-up events (groups added, SUPERVISOR_STATE_CHANGE_RUNNING) reach the pools.
     */
    public static EventDispatcher attach(Engine engine, SupervisorLog log) {
        return attach(engine, log, new AtomicLong(-1));
    }

    /**
     * As {@link #attach(Engine, SupervisorLog)}, continuing the global event serial from
     * {@code serial} (its last value; -1 for none yet). Supervisor's global serial lives as long
     * as its process, across restarts; a daemon that restarts in place passes the same counter
     * to each new dispatcher.
     */
    public static EventDispatcher attach(Engine engine, SupervisorLog log, AtomicLong serial) {
        return new EventDispatcher(engine, log, serial);
    }

    @Override
    public void close() {
        subscription.close();
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- engine side (engine thread) --------------------------------------------------------

    private void onEngineEvent(SupervisorEvent event) {
        if (event instanceof ProcessGroupEvent g) {
            if (g.added()) {
                engine.config().group(g.group()).ifPresent(this::groupAdded);
            } else {
                // a removed pool takes no more events, not even its own removal
                queue(() -> pools.remove(g.group()));
            }
        }
        queue(() -> deliver(event));
    }

    private void groupAdded(GroupConfig group) {
        if (group instanceof EventListenerPoolConfig pool) {
            List<EventType> types = new ArrayList<>();
            for (String n : pool.events()) {
                EventType.named(n).filter(t -> !types.contains(t)).ifPresent(types::add);
            }
            List<String> names = pool.processes().stream().map(ProcessConfig::name).toList();
            ResultHandler handler = resultHandler(pool);
            ListenerPool lp = new ListenerPool(pool.name(), pool.bufferSize(), types, names, handler,
                    engine.identifier(), this::nextSerial, this::writeToListener, log);
            queue(() -> pools.put(pool.name(), lp));
            for (ProcessConfig pc : group.processes()) {
                installProtocol(new ProcessId(group.name(), pc.name()));
            }
        }
    }

    /**
     * A listener's stdout carries the protocol. The stream log still logs it, as Supervisor
     * does; its event sink, which otherwise makes PROCESS_LOG events, is given to the parser
     * instead (Supervisor never makes PROCESS_LOG events of a listener's stdout). The sink gets
     * each chunk as the child wrote it (ANSI escapes stripped under strip_ansi, which no
     * well-behaved listener writes).
     */
    private void installProtocol(ProcessId id) {
        streamLog(id, OutputChannel.STDOUT).ifPresent(l -> l.setEventSink(chunk -> queue(() -> {
            ListenerPool p = pools.get(id.group());
            if (p != null) {
                p.output(id.name(), chunk);
                p.dispatch();
            }
        })));
    }

    private java.util.Optional<ChildStreamLog> streamLog(ProcessId id, OutputChannel channel) {
        try {
            return engine.processLog(id, channel) instanceof ChildStreamLog l ? java.util.Optional.of(l)
                    : java.util.Optional.empty();
        } catch (RuntimeException e) {
            log.error("events: no " + channel.label() + " stream for " + id + ": " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private ResultHandler resultHandler(EventListenerPoolConfig pool) {
        String spec = pool.resultHandler() == null ? "" : pool.resultHandler().trim();
        if (!spec.isEmpty() && !spec.equals(ResultHandler.DEFAULT_SPEC)) {
            log.warn("[eventlistener:" + pool.name() + "] result_handler " + spec
                    + " is Python code, which this supervisord cannot run; using " + ResultHandler.DEFAULT_SPEC);
        }
        return ResultHandler.defaultHandler();
    }

    private void writeToListener(ProcessId listener, byte[] data, Runnable onFailure) {
        engine.sendStdin(listener, data).whenComplete((v, ex) -> {
            if (ex != null) {
                queue(onFailure);
            }
        });
    }

    private void queue(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("event dispatch failed: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: the daemon is going away
        }
    }

    // ---- the dispatcher thread ----------------------------------------------------------------

    private long nextSerial() {
        return serial.updateAndGet(n -> n == Long.MAX_VALUE ? 0 : n + 1);
    }

    /** Offers an event to every pool that subscribed to it, then lets pools send what they can. */
    private void deliver(SupervisorEvent event) {
        QueuedEvent q = new QueuedEvent(event);
        for (ListenerPool p : pools.values()) {
            for (int i = p.matches(q.type); i > 0; i--) {
                p.accept(q, false);
            }
        }
        if (event instanceof ProcessStateEvent s) {
            ListenerPool own = pools.get(s.process().group());
            if (own != null) {
                own.processStateChanged(s);
            }
        }
        for (ListenerPool p : pools.values()) {
            p.dispatch();
        }
    }
}
