package org.jsupervisor.supervisord.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.config.LogTarget;
import org.jsupervisor.common.config.StreamLogConfig;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.jsupervisor.supervisord.engine.event.ProcessCommunicationEvent;
import org.jsupervisor.supervisord.engine.event.ProcessGroupEvent;
import org.jsupervisor.supervisord.engine.event.ProcessLogEvent;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.engine.event.SupervisorStateEvent;
import org.jsupervisor.supervisord.engine.event.TickEvent;
import org.jsupervisor.supervisord.logging.ChildStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureAndPayloadTest {
    static final ProcessId P = new ProcessId("g", "p");

    @TempDir
    Path dir;
    final List<SupervisorEvent> events = new ArrayList<>();

    ChildStreamLog log() {
        ChildStreamLog l = new ChildStreamLog("p", OutputChannel.STDOUT,
                new StreamLogConfig(LogTarget.AUTO, 0, 0, 0, false, false), dir.resolve("p.log"), false, null);
        l.open();
        return l;
    }

    String logged() throws Exception {
        return Files.readString(dir.resolve("p.log"), StandardCharsets.UTF_8);
    }

    static void write(CaptureFilter f, ChildStreamLog l, String s) {
        f.write(7, s.getBytes(StandardCharsets.UTF_8), l);
    }

    @Test
    void keepsCapturedBytesOutOfTheLogAndPublishesThemAtTheEndToken() throws Exception {
        ChildStreamLog l = log();
        CaptureFilter f = new CaptureFilter(P, OutputChannel.STDOUT, 100, false, events::add, null);
        write(f, l, "a <!--XSUPERVISOR:BEGIN-->secret<!--XSUPERV");
        write(f, l, "ISOR:END--> and the rest of a long enough line\n");
        assertThat(logged()).isEqualTo("a  and the rest of a long enough line\n");
        assertThat(events).hasSize(1);
        ProcessCommunicationEvent e = (ProcessCommunicationEvent) events.get(0);
        assertThat(new String(e.data(), StandardCharsets.UTF_8)).isEqualTo("secret");
        assertThat(e.pid()).isEqualTo(7);
        assertThat(Payloads.payload(e)).isEqualTo("processname:p groupname:g pid:7\nsecret");
    }

    @Test
    void holdsBackATailThatMayStartAToken() throws Exception {
        ChildStreamLog l = log();
        CaptureFilter f = new CaptureFilter(P, OutputChannel.STDOUT, 100, false, events::add, null);
        write(f, l, "some text long enough <!--XSUP");
        assertThat(logged()).isEqualTo("some text long enough ");
        write(f, l, "nope, not a token after all\n");
        assertThat(logged()).isEqualTo("some text long enough <!--XSUPnope, not a token after all\n");
    }

    @Test
    void boundsTheCaptureBufferAsSupervisorDoes() {
        ChildStreamLog l = log();
        CaptureFilter f = new CaptureFilter(P, OutputChannel.STDOUT, 40, false, events::add, null);
        write(f, l, "<!--XSUPERVISOR:BEGIN-->0123456789012345678901234");
        write(f, l, "ABCDEFGHIJKLMNOPQRSTUVW");
        write(f, l, "<!--XSUPERVISOR:END-->");
        write(f, l, " tail that is long enough to flush it\n");
        // a write that would pass the bound first drops as many bytes from the front as it adds
        String captured = new String(((ProcessCommunicationEvent) events.get(0)).data(), StandardCharsets.UTF_8);
        assertThat(captured).isEqualTo("34ABCDEFGHIJKLMNOPQRSTUVW");
    }

    @Test
    void publishesLoggedAndCapturedPiecesAsProcessLogEventsWhenEnabled() throws Exception {
        ChildStreamLog l = log();
        CaptureFilter f = new CaptureFilter(P, OutputChannel.STDOUT, 0, true, events::add, null);
        write(f, l, "hello\n");
        assertThat(logged()).isEqualTo("hello\n");
        assertThat(Payloads.payload(events.get(0))).isEqualTo("processname:p groupname:g pid:7 channel:stdout\nhello\n");
    }

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
