package org.jsupervisor.supervisord.engine.event;

/** {@code TICK_5}, {@code TICK_60} or {@code TICK_3600}; {@code when} is the epoch second of the tick. */
public record TickEvent(int period, long when) implements SupervisorEvent {
    @Override
    public String typeName() {
        return "TICK_" + period;
    }
}
