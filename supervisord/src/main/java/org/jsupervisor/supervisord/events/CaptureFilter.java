package org.jsupervisor.supervisord.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.jsupervisor.supervisord.engine.event.ProcessCommunicationEvent;
import org.jsupervisor.supervisord.engine.event.ProcessLogEvent;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.engine.CommandLine;
import org.jsupervisor.supervisord.logging.ChildStreamLog;
import org.jsupervisor.supervisord.logging.OutputFilter;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * The events side of one child output stream: capture mode and PROCESS_LOG events.
 *
 * <p>With {@code *_capture_maxbytes} set, bytes between {@code <!--XSUPERVISOR:BEGIN-->} and
 * {@code <!--XSUPERVISOR:END-->} are kept out of the log, held in a buffer bounded the way
 * Supervisor bounds it, and published as one PROCESS_COMMUNICATION event when the end
 * token arrives. A token split across reads is recognised: a tail that may be the start
 * of a token is held back until the next read (as Supervisor does, such a tail is never
 * logged if the stream ends there). With {@code *_events_enabled}, every piece that is
 * logged (and every captured piece) is also a PROCESS_LOG event.
 *
 * <p>Threading: called by the stream's I/O thread, one chunk at a time; events are handed
 * to {@code publish}, which must not block.
 */
final class CaptureFilter implements OutputFilter {
    static final byte[] BEGIN = "<!--XSUPERVISOR:BEGIN-->".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END = "<!--XSUPERVISOR:END-->".getBytes(StandardCharsets.US_ASCII);

    private final ProcessId process;
    private final OutputChannel channel;
    private final long captureMaxBytes;
    private final boolean eventsEnabled;
    private final Consumer<SupervisorEvent> publish;
    private final SupervisorLog mainLog;
    private byte[] pending = new byte[0];
    private boolean capturing;
    private byte[] captured = new byte[0];

    CaptureFilter(ProcessId process, OutputChannel channel, long captureMaxBytes, boolean eventsEnabled,
            Consumer<SupervisorEvent> publish, SupervisorLog mainLog) {
        this.process = process;
        this.channel = channel;
        this.captureMaxBytes = captureMaxBytes;
        this.eventsEnabled = eventsEnabled;
        this.publish = publish;
        this.mainLog = mainLog;
    }

    @Override
    public synchronized void write(long pid, byte[] chunk, ChildStreamLog log) {
        pending = concat(pending, chunk);
        record(pid, log);
    }

    private void record(long pid, ChildStreamLog log) {
        while (true) {
            if (captureMaxBytes <= 0) {
                byte[] data = pending;
                pending = new byte[0];
                emit(pid, data, log);
                return;
            }
            byte[] token = capturing ? END : BEGIN;
            if (pending.length <= token.length) {
                return; // not enough to decide
            }
            byte[] data = pending;
            pending = new byte[0];
            int at = indexOf(data, token);
            if (at < 0) {
                int keep = prefixAtEnd(data, token);
                if (keep > 0) {
                    pending = Arrays.copyOfRange(data, data.length - keep, data.length);
                    data = Arrays.copyOf(data, data.length - keep);
                }
                emit(pid, data, log);
                return;
            }
            emit(pid, Arrays.copyOf(data, at), log);
            toggle(pid);
            pending = Arrays.copyOfRange(data, at + token.length, data.length);
            if (pending.length == 0) {
                return;
            }
        }
    }

    /** Logs (or captures) one piece, and publishes it as PROCESS_LOG when enabled. */
    private void emit(long pid, byte[] data, ChildStreamLog log) {
        if (data.length == 0) {
            return;
        }
        byte[] logged = log.record(data, !capturing);
        if (capturing) {
            capture(logged);
        }
        if (eventsEnabled) {
            publish.accept(new ProcessLogEvent(process, pid, channel, logged));
        }
    }

    /** Supervisor's bounded capture buffer: when a write would pass the bound, as many bytes as written go from the front. */
    private void capture(byte[] b) {
        if ((long) captured.length + b.length > captureMaxBytes) {
            captured = b.length >= captured.length ? new byte[0]
                    : Arrays.copyOfRange(captured, b.length, captured.length);
        }
        captured = concat(captured, b);
    }

    private void toggle(long pid) {
        capturing = !capturing;
        if (!capturing) {
            byte[] data = captured;
            captured = new byte[0];
            publish.accept(new ProcessCommunicationEvent(process, pid, channel, data));
            if (mainLog != null) {
                mainLog.debug(CommandLine.pyRepr(process.name()) + " " + channel.label() + " emitted a comm event");
            }
        }
    }

    /** The length of the longest proper prefix of {@code token} that {@code data} ends with. */
    static int prefixAtEnd(byte[] data, byte[] token) {
        for (int l = token.length - 1; l > 0; l--) {
            if (data.length >= l && Arrays.equals(data, data.length - l, data.length, token, 0, l)) {
                return l;
            }
        }
        return 0;
    }

    static int indexOf(byte[] data, byte[] token) {
        outer:
        for (int i = 0; i + token.length <= data.length; i++) {
            for (int j = 0; j < token.length; j++) {
                if (data[i + j] != token[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
