package org.jsupervisor.common.config;

import java.util.List;

/**
 * An {@code [eventlistener:x]} pool.
 *
 * @param events        the event type names subscribed to, as written (validated)
 * @param resultHandler the {@code result_handler} spec, e.g.
 *                      {@code supervisor.dispatchers:default_handler}
 */
public record EventListenerPoolConfig(
        String name,
        int priority,
        List<ProcessConfig> processes,
        int bufferSize,
        List<String> events,
        String resultHandler) implements GroupConfig {
    public EventListenerPoolConfig {
        processes = List.copyOf(processes);
        events = List.copyOf(events);
    }
}
