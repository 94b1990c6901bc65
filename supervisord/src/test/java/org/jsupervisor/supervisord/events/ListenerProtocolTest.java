package org.jsupervisor.supervisord.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.jsupervisor.supervisord.engine.event.RemoteCommunicationEvent;
import org.jsupervisor.supervisord.logging.SupervisorLog;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

/** The pool and the READY / RESULT parser, without processes: writes are captured, the log is silent. */
class ListenerProtocolTest {
    final List<String> written = new ArrayList<>();
    final List<Runnable> failWrites = new ArrayList<>();
    long serial = -1;

    ListenerPool pool(int bufferSize, String... listeners) {
        return new ListenerPool("p", bufferSize, List.of(EventType.REMOTE_COMMUNICATION), List.of(listeners),
                ResultHandler.defaultHandler(), "supervisor", () -> ++serial, (id, data, onFailure) -> {
                    written.add(id.name() + "<" + new String(data, StandardCharsets.UTF_8));
                    failWrites.add(onFailure);
                }, new SupervisorLog(NOPLogger.NOP_LOGGER));
    }

    static void running(ListenerPool p, String name) {
        ProcessId id = new ProcessId("p", name);
        p.processStateChanged(new ProcessStateEvent(id, ProcessState.STOPPED, ProcessState.STARTING, 0, 0, true));
        p.processStateChanged(new ProcessStateEvent(id, ProcessState.STARTING, ProcessState.RUNNING, 42, 0, true));
    }

    static void say(ListenerPool p, String name, String text) {
        p.output(name, text.getBytes(StandardCharsets.UTF_8));
        p.dispatch();
    }

    void send(ListenerPool p, String data) {
        p.accept(new QueuedEvent(new RemoteCommunicationEvent("t", data)), false);
        p.dispatch();
    }

    @Test
    void sendsTheOldestEventToAReadyRunningListenerWithSupervisorsEnvelope() {
        ListenerPool p = pool(10, "l");
        send(p, "one");
        assertThat(written).isEmpty();
        running(p, "l");
        say(p, "l", "READY\n");
        assertThat(written).containsExactly(
                "l<ver:3.0 server:supervisor serial:0 pool:p poolserial:0 eventname:REMOTE_COMMUNICATION len:10\ntype:t\none");
        assertThat(p.listener("l").state).isEqualTo(ListenerState.BUSY);
    }

    @Test
    void waitsForReadyEvenWhenItArrivesInPieces() {
        ListenerPool p = pool(10, "l");
        running(p, "l");
        send(p, "x");
        say(p, "l", "REA");
        assertThat(p.listener("l").state).isEqualTo(ListenerState.ACKNOWLEDGED);
        say(p, "l", "DY\n");
        assertThat(written).hasSize(1);
    }

    @Test
    void anOkResultAcknowledgesAndTheNextReadyGetsTheNextEvent() {
        ListenerPool p = pool(10, "l");
        running(p, "l");
        send(p, "a");
        send(p, "b");
        say(p, "l", "READY\n");
        say(p, "l", "RESULT 2\nOKREADY\n");
        assertThat(written).hasSize(2);
        assertThat(written.get(1)).contains("serial:1 pool:p poolserial:1").endsWith("\ntype:t\nb");
    }

    @Test
    void aFailResultSendsTheSameEventAgainWithTheSameSerials() {
        ListenerPool p = pool(10, "l");
        running(p, "l");
        send(p, "a");
        send(p, "b");
        say(p, "l", "READY\n");
        say(p, "l", "RESULT 4\nFAIL");
        assertThat(p.listener("l").state).isEqualTo(ListenerState.ACKNOWLEDGED);
        say(p, "l", "READY\n");
        assertThat(written).hasSize(2);
        assertThat(written.get(1)).isEqualTo(written.get(0));
    }

    @Test
    void aBadResultLinePutsTheListenerInUnknownAndRequeuesItsEvent() {
        ListenerPool p = pool(10, "l", "m");
        running(p, "l");
        running(p, "m");
        send(p, "a");
        say(p, "l", "READY\n");
        say(p, "l", "RESULT two\n");
        assertThat(p.listener("l").state).isEqualTo(ListenerState.UNKNOWN);
        assertThat(p.buffered()).isEqualTo(1);
        say(p, "l", "READY\n");
        assertThat(written).hasSize(1); // UNKNOWN is for good
        say(p, "m", "READY\n");
        assertThat(written).hasSize(2);
        assertThat(written.get(1)).startsWith("m<").endsWith("type:t\na");
    }

    @Test
    void anythingButReadyWhileAcknowledgedAndAnyOutputWhileReadyIsAProtocolError() {
        ListenerPool p = pool(10, "l", "m");
        running(p, "l");
        running(p, "m");
        say(p, "l", "hello!\n");
        assertThat(p.listener("l").state).isEqualTo(ListenerState.UNKNOWN);
        say(p, "m", "READY\nx");
        assertThat(p.listener("m").state).isEqualTo(ListenerState.UNKNOWN);
    }

    @Test
    void aListenerThatDiesWhileBusyHasItsEventSentToTheNextReadyListener() {
        ListenerPool p = pool(10, "l", "m");
        running(p, "l");
        running(p, "m");
        say(p, "l", "READY\n");
        send(p, "a");
        p.processStateChanged(new ProcessStateEvent(new ProcessId("p", "l"), ProcessState.RUNNING,
                ProcessState.EXITED, 42, 0, false));
        assertThat(p.buffered()).isEqualTo(1);
        say(p, "m", "READY\n");
        assertThat(written.get(1)).startsWith("m<").contains("serial:0 ");
    }

    @Test
    void aRestartedListenerStartsOverInAcknowledged() {
        ListenerPool p = pool(10, "l");
        running(p, "l");
        say(p, "l", "junk!!\n");
        assertThat(p.listener("l").state).isEqualTo(ListenerState.UNKNOWN);
        running(p, "l");
        assertThat(p.listener("l").state).isEqualTo(ListenerState.ACKNOWLEDGED);
        send(p, "a");
        say(p, "l", "READY\n");
        assertThat(written).hasSize(1);
    }

    @Test
    void aFullBufferDropsTheOldestEvent() {
        ListenerPool p = pool(2, "l");
        send(p, "a");
        send(p, "b");
        send(p, "c");
        assertThat(p.buffered()).isEqualTo(2);
        running(p, "l");
        say(p, "l", "READY\n");
        assertThat(written.get(0)).contains("serial:1 ").endsWith("\nb");
    }

    @Test
    void aFailedWriteLeavesTheListenerReadyAndTheEventBuffered() {
        ListenerPool p = pool(10, "l");
        running(p, "l");
        say(p, "l", "READY\n");
        send(p, "a");
        failWrites.get(0).run();
        assertThat(p.listener("l").state).isEqualTo(ListenerState.READY);
        assertThat(p.buffered()).isEqualTo(1);
    }

    @Test
    void parsesResultLengthsAsPythonsIntDoes() {
        assertThat(Listener.pyInt(" 2 ".getBytes())).isEqualTo(2L);
        assertThat(Listener.pyInt("+1_0".getBytes())).isEqualTo(10L);
        assertThat(Listener.pyInt("".getBytes())).isNull();
        assertThat(Listener.pyInt("1__0".getBytes())).isNull();
        assertThat(Listener.pyInt("x".getBytes())).isNull();
    }
}
