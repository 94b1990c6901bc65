package org.jsupervisor.supervisord.engine.event;

import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessId;

/**
 * Output a child wrote while {@code *_events_enabled} ({@code PROCESS_LOG_STDOUT/STDERR}).
 * The array is owned by the event: do not modify it.
 */
public record ProcessLogEvent(ProcessId process, long pid, OutputChannel channel, byte[] data)
        implements SupervisorEvent {
    @Override
    public String typeName() {
        return "PROCESS_LOG_" + channel.name();
    }
}
