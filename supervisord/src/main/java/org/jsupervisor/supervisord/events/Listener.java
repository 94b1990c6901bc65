package org.jsupervisor.supervisord.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.supervisord.engine.ProcessId;

/**
 * One event listener process of a pool: its process state (as last published), its
 * protocol state and the parser of what it writes on stdout. The parser follows
 * Supervisor's rules to the letter, including what it does with a listener that breaks them:
 * anything but {@code READY\n} while waiting for READY, or any output while READY, puts the
 * listener in UNKNOWN for good (until restarted); a result line whose length is not a number
 * does too, and the event it held is sent again.
 *
 * <p>Threading: confined to the event dispatcher's thread.
 */
final class Listener {
    private static final byte[] READY_TOKEN = "READY\n".getBytes(StandardCharsets.US_ASCII);
    private static final int RESULT_PREFIX_LEN = "RESULT ".length();

    /** What the parser needs from the pool. */
    interface Pool {
        void stateChanged(Listener l, ListenerState from, ListenerState to);

        /** Logs a malformed result line. */
        void badResultLine(Listener l, String line);

        /** Buffers the listener's current event again, at the head. */
        void reject(Listener l);

        /** A complete result body for {@link #event}; the pool sets the next state. */
        void result(Listener l, byte[] result);
    }

    final ProcessId id;
    ProcessState processState = ProcessState.STOPPED;
    ListenerState state = ListenerState.ACKNOWLEDGED;
    /** The event sent and not yet answered (BUSY), else null. */
    QueuedEvent event;
    /** Counts spawns, so a late write failure is not blamed on the next incarnation. */
    long generation;
    private byte[] buffer = new byte[0];
    private byte[] result = new byte[0];
    private long resultLen = -1; // -1: not reading a result body
    private boolean resultLenKnown;

    Listener(ProcessId id) {
        this.id = id;
    }

    String name() {
        return id.name();
    }

    /** A new child was spawned: a fresh conversation, starting in ACKNOWLEDGED. */
    void spawned() {
        generation++;
        state = ListenerState.ACKNOWLEDGED;
        event = null;
        buffer = new byte[0];
        result = new byte[0];
        resultLenKnown = false;
        resultLen = -1;
    }

    boolean canTakeEvent() {
        return processState == ProcessState.RUNNING && state == ListenerState.READY;
    }

    void change(Pool pool, ListenerState to) {
        ListenerState from = state;
        state = to;
        pool.stateChanged(this, from, to);
    }

    /** Bytes the listener wrote on stdout. */
    void feed(Pool pool, byte[] data) {
        if (data.length == 0) {
            return;
        }
        buffer = concat(buffer, data);
        parse(pool);
    }

    private void parse(Pool pool) {
        while (buffer.length > 0) {
            switch (state) {
                case UNKNOWN -> {
                    buffer = new byte[0];
                    return;
                }
                case ACKNOWLEDGED -> {
                    if (buffer.length < READY_TOKEN.length) {
                        return;
                    }
                    if (startsWith(buffer, READY_TOKEN)) {
                        change(pool, ListenerState.READY);
                        buffer = Arrays.copyOfRange(buffer, READY_TOKEN.length, buffer.length);
                    } else {
                        change(pool, ListenerState.UNKNOWN);
                        buffer = new byte[0];
                    }
                    event = null;
                }
                case READY -> {
                    // nothing may come between READY and the event: Supervisor is strict here
                    change(pool, ListenerState.UNKNOWN);
                    buffer = new byte[0];
                    event = null;
                    return;
                }
                case BUSY -> {
                    if (!parseBusy(pool)) {
                        return;
                    }
                }
            }
        }
    }

    /** One step while BUSY; false when more input is needed or parsing must stop. */
    private boolean parseBusy(Pool pool) {
        if (!resultLenKnown) {
            int nl = indexOf(buffer, (byte) '\n');
            if (nl < 0) {
                return false;
            }
            byte[] line = Arrays.copyOfRange(buffer, 0, nl);
            buffer = Arrays.copyOfRange(buffer, nl + 1, buffer.length);
            byte[] digits = line.length > RESULT_PREFIX_LEN
                    ? Arrays.copyOfRange(line, RESULT_PREFIX_LEN, line.length) : new byte[0];
            Long n = pyInt(digits);
            if (n == null) {
                pool.badResultLine(this, PyText.decodeOrRepr(line));
                change(pool, ListenerState.UNKNOWN);
                buffer = new byte[0];
                pool.reject(this);
                event = null;
                return false;
            }
            resultLen = n;
            resultLenKnown = true;
            // Supervisor looks at the body only once more bytes are there
            return buffer.length > 0;
        }
        long needed = resultLen - result.length;
        if (needed != 0) {
            int take = (int) pySliceEnd(buffer.length, needed);
            result = concat(result, Arrays.copyOfRange(buffer, 0, take));
            buffer = Arrays.copyOfRange(buffer, take, buffer.length);
            needed = resultLen - result.length;
        }
        if (needed == 0) {
            byte[] r = result;
            result = new byte[0];
            resultLenKnown = false;
            resultLen = -1;
            pool.result(this, r);
            event = null;
        }
        return buffer.length > 0 && needed == 0;
    }

    /** Python's {@code buf[:n]} end index. */
    private static long pySliceEnd(int len, long n) {
        if (n < 0) {
            return Math.max(0, len + n);
        }
        return Math.min(len, n);
    }

    /** Python's {@code int(bytes)}: optional blanks and sign, digits with single underscores between. */
    static Long pyInt(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1).strip();
        if (!s.matches("[+-]?[0-9](_?[0-9])*")) {
            return null;
        }
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
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
