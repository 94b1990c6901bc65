package org.jsupervisor.supervisord.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsupervisor.common.ProcessState;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.jsupervisor.supervisord.engine.event.ProcessGroupEvent;
import org.jsupervisor.supervisord.engine.event.ProcessLogEvent;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.jsupervisor.supervisord.engine.event.SupervisorStateEvent;
import org.jsupervisor.supervisord.engine.event.TickEvent;
import org.junit.jupiter.api.Test;

/** Payloads, envelopes and type names, byte for byte as Supervisor 4.2.5 writes them. */
class PayloadTest {
    static final ProcessId P = new ProcessId("g", "p");

    @Test
    void rendersEveryPayloadAsSupervisor() {
        assertThat(Payloads.payload(new ProcessStateEvent(P, ProcessState.RUNNING, ProcessState.EXITED, 9, 0, false)))
                .isEqualTo("processname:p groupname:g from_state:RUNNING expected:0 pid:9");
        assertThat(Payloads.payload(new ProcessStateEvent(P, ProcessState.BACKOFF, ProcessState.FATAL, 0, 3, true)))
                .isEqualTo("processname:p groupname:g from_state:BACKOFF");
        assertThat(Payloads.payload(new ProcessStateEvent(P, ProcessState.STARTING, ProcessState.BACKOFF, 0, 2, true)))
                .isEqualTo("processname:p groupname:g from_state:STARTING tries:2");
        assertThat(Payloads.payload(new ProcessGroupEvent("g", true))).isEqualTo("groupname:g\n");
        assertThat(Payloads.payload(new SupervisorStateEvent(false))).isEmpty();
        assertThat(Payloads.payload(new TickEvent(5, 1700000005))).isEqualTo("when:1700000005");
        assertThat(Payloads.payload(new ProcessLogEvent(P, 1, OutputChannel.STDERR, new byte[] {(byte) 0xff, '\''})))
                .isEqualTo("processname:p groupname:g pid:1 channel:stderr\nUndecodable: b\"\\xff'\"");
        assertThat(Payloads.envelope("sid", 3, "pool", 1, "REMOTE_COMMUNICATION", "type:x\n\u00e9\uD83D\uDE00"))
                .startsWith("ver:3.0 server:sid serial:3 pool:pool poolserial:1 eventname:REMOTE_COMMUNICATION len:9\n");
    }

    @Test
    void abstractTypesIncludeTheirConcreteTypes() {
        assertThat(EventType.EVENT.includes(EventType.TICK_5)).isTrue();
        assertThat(EventType.PROCESS_STATE.includes(EventType.PROCESS_STATE_EXITED)).isTrue();
        assertThat(EventType.PROCESS_LOG.includes(EventType.PROCESS_COMMUNICATION_STDOUT)).isFalse();
        assertThat(EventType.named("process_log_stderr")).contains(EventType.PROCESS_LOG_STDERR);
    }
}
