package org.jsupervisor.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDateTime;

/** Scalar parsing for {@link XmlRpcReader}, with Python's syntax where it matters. */
final class Scalars {
    private Scalars() {
    }

    static Object parseInt(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 40) {
            throw new FormatError("bad integer value: " + abbreviate(t));
        }
        BigInteger b;
        try {
            b = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw new FormatError("bad integer value: " + abbreviate(t));
        }
        if (b.bitLength() <= 31) {
            return b.intValue();
        }
        if (b.bitLength() <= 63) {
            return b.longValue();
        }
        throw new FormatError("integer out of range: " + abbreviate(t));
    }

    static Double parseDouble(String s) {
        String t = s.strip();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (!isDecimalFloat(unsigned)) {
            throw new FormatError("bad double value: " + abbreviate(t));
        }
        return Double.parseDouble(lower);
    }

    /** digits [. digits] [e [+-] digits], or . digits [...]: Python's float() syntax, no underscores. */
    static boolean isDecimalFloat(String s) {
        int i = 0;
        int n = s.length();
        int mantissaDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            mantissaDigits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) {
            return false;
        }
        if (i < n && s.charAt(i) == 'e') {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code 20261122T01:02:03} (what Python writes) or {@code 2026-11-22T01:02:03}. */
    static LocalDateTime parseDateTime(String s) {
        String t = s.strip();
        String compact = t.length() == 19 && t.charAt(4) == '-' && t.charAt(7) == '-'
            ? t.substring(0, 4) + t.substring(5, 7) + t.substring(8) : t;
        if (compact.length() != 17 || compact.charAt(8) != 'T' || compact.charAt(11) != ':'
            || compact.charAt(14) != ':') {
            throw new FormatError("bad dateTime.iso8601 value: " + abbreviate(t));
        }
        try {
            return LocalDateTime.of(digits(compact, 0, 4), digits(compact, 4, 6), digits(compact, 6, 8),
                digits(compact, 9, 11), digits(compact, 12, 14), digits(compact, 15, 17));
        } catch (DateTimeException e) {
            throw new FormatError("bad dateTime.iso8601 value: " + abbreviate(t));
        }
    }

    static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                throw new FormatError("bad dateTime.iso8601 value: " + abbreviate(s));
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** Counts bytes and fails once more than the limit have been read. */
    static final class BoundedStream extends InputStream {
        private final InputStream in;
        private final long max;
        private long count;
        boolean exceeded;

        BoundedStream(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) throws IOException {
            count += n;
            if (count > max) {
                exceeded = true;
                throw new IOException("document larger than " + max + " bytes");
            }
        }
    }
}
