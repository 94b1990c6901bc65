package org.jsupervisor.supervisord.logging;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Capture mode ({@code *_capture_maxbytes}): output between {@code <!--XSUPERVISOR:BEGIN-->}
 * and {@code <!--XSUPERVISOR:END-->} is kept in a bounded buffer instead of the log and,
 * at the end token, becomes one PROCESS_COMMUNICATION event. Follows Supervisor's
 * dispatcher: data is only examined once more than a token's length is buffered, a token
 * prefix at the end of a chunk waits for the next chunk, and the bounded buffer drops from
 * its front as Supervisor's BoundIO does. Not thread-safe: its stream log serialises calls.
 */
final class CaptureFilter {
    static final byte[] BEGIN = "<!--XSUPERVISOR:BEGIN-->".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] END = "<!--XSUPERVISOR:END-->".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Where filtered output goes. */
    interface Sink {
        /** Output outside capture mode (to the normal log). */
        void normal(byte[] data);

        /** Output inside capture mode (not logged to the file; still to events and debug log). */
        void captured(byte[] data);

        /** The captured block, at its end token. */
        void communication(byte[] payload);
    }

    private final long maxBytes;
    private final Sink sink;
    private byte[] pending = new byte[0];
    private boolean capturing;
    private byte[] capture = new byte[0];

    CaptureFilter(long maxBytes, Sink sink) {
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    void accept(byte[] data) {
        pending = concat(pending, data);
        process();
    }

    /** At EOF: whatever is still held is logged (Supervisor would drop it). */
    void flush() {
        if (pending.length > 0) {
            emit(pending);
            pending = new byte[0];
        }
    }

    private void process() {
        while (true) {
            byte[] token = capturing ? END : BEGIN;
            if (pending.length <= token.length) {
                return;
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
                emit(data);
                return;
            }
            emit(Arrays.copyOf(data, at));
            toggle();
            pending = Arrays.copyOfRange(data, at + token.length, data.length);
            if (pending.length == 0) {
                return;
            }
        }
    }

    private void emit(byte[] data) {
        if (data.length == 0) {
            return;
        }
        if (capturing) {
            if (capture.length + data.length > maxBytes) {
                capture = Arrays.copyOfRange(capture, Math.min(capture.length, data.length), capture.length);
            }
            capture = concat(capture, data);
            sink.captured(data);
        } else {
            sink.normal(data);
        }
    }

    private void toggle() {
        capturing = !capturing;
        if (!capturing) {
            byte[] payload = capture;
            capture = new byte[0];
            sink.communication(payload);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream(a.length + b.length);
        o.write(a, 0, a.length);
        o.write(b, 0, b.length);
        return o.toByteArray();
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

    /** Length of the longest end of {@code data} that starts {@code token}. */
    static int prefixAtEnd(byte[] data, byte[] token) {
        for (int len = Math.min(token.length - 1, data.length); len > 0; len--) {
            boolean match = true;
            for (int j = 0; j < len; j++) {
                if (data[data.length - len + j] != token[j]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return len;
            }
        }
        return 0;
    }
}
