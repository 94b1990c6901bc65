package org.jsupervisor.supervisord.engine.event;

import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessId;

/**
 * Data a child wrote between the capture-mode tokens
 * ({@code PROCESS_COMMUNICATION_STDOUT/STDERR}). The array is owned by the event.
 */
public record ProcessCommunicationEvent(ProcessId process, long pid, OutputChannel channel, byte[] data)
        implements SupervisorEvent {
    @Override
    public String typeName() {
        return "PROCESS_COMMUNICATION_" + channel.name();
    }
}
