package org.jsupervisor.supervisord.engine.event;

import org.jsupervisor.common.ProcessState;
import org.jsupervisor.supervisord.engine.ProcessId;

/**
 * A process changed state ({@code PROCESS_STATE_<TO>}).
 *
 * @param pid      the child's pid at the time (0 if none); Supervisor reports it for RUNNING,
 *                 STOPPING and EXITED
 * @param tries    the backoff count (Supervisor reports it for STARTING and BACKOFF)
 * @param expected for EXITED: whether the exit status was in exitcodes
 */
public record ProcessStateEvent(ProcessId process, ProcessState from, ProcessState to, long pid, int tries,
        boolean expected) implements SupervisorEvent {
    @Override
    public String typeName() {
        return "PROCESS_STATE_" + to.name();
    }
}
