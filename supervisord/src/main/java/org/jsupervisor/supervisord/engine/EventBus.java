package org.jsupervisor.supervisord.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jsupervisor.supervisord.engine.Engine.Subscription;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.engine.event.TickEvent;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * The engine's internal event bus (one per engine, not global): listeners are called on the
 * engine thread in publication order; a failing listener is logged and skipped. Also emits
 * Supervisor's TICK_5 / TICK_60 / TICK_3600 when the clock crosses their boundaries.
 */
final class EventBus {
    private final List<Consumer<? super SupervisorEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final SupervisorLog log;
    private final ScheduledExecutorService loop;
    private final LongSupplier clock;
    private final Map<Integer, Long> lastTicks = new LinkedHashMap<>();

    EventBus(SupervisorLog log, ScheduledExecutorService loop, LongSupplier clock) {
        this.log = log;
        this.loop = loop;
        this.clock = clock;
    }

    Subscription subscribe(Consumer<? super SupervisorEvent> listener) {
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    /** Publishes now; engine thread only. */
    void publish(SupervisorEvent e) {
        for (Consumer<? super SupervisorEvent> s : subscribers) {
            try {
                s.accept(e);
            } catch (RuntimeException ex) {
                log.error("event listener failed on " + e.typeName() + ": " + ex);
            }
        }
    }

    /** Publishes from any thread (I/O threads, API threads), in order, on the engine thread. */
    void publishLater(SupervisorEvent e) {
        try {
            loop.execute(() -> publish(e));
        } catch (RejectedExecutionException ex) {
            // the engine is closed
        }
    }

    /** Starts the tick timer; it stops rescheduling once {@code running} is false. */
    void startTicks(BooleanSupplier running) {
        long now = clock.getAsLong();
        for (int period : new int[] {5, 60, 3600}) {
            lastTicks.putIfAbsent(period, timeslice(period, now));
        }
        long next = (now / 5000 + 1) * 5000;
        try {
            loop.schedule(() -> {
                long t = clock.getAsLong();
                for (Map.Entry<Integer, Long> e : lastTicks.entrySet()) {
                    long slice = timeslice(e.getKey(), t);
                    if (slice != e.getValue()) {
                        e.setValue(slice);
                        publish(new TickEvent(e.getKey(), slice));
                    }
                }
                if (running.getAsBoolean()) {
                    startTicks(running);
                }
            }, Math.max(1, next - now), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the engine is closed
        }
    }

    static long timeslice(int period, long millis) {
        long secs = millis / 1000;
        return secs - secs % period;
    }
}
