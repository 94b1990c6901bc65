package org.jsupervisor.supervisord.logging;

import java.io.ByteArrayOutputStream;

/**
 * Removes ANSI escape sequences ({@code ESC [} up to one of Supervisor's terminator
 * letters) from a chunk of output, as {@code strip_ansi} does. Works per chunk, like
 * Supervisor: a sequence split across two reads is not recognised.
 */
public final class AnsiStripper {
    private static final String TERMINATORS = "HfABCDRsuJKhlpm";

    private AnsiStripper() {
    }

    public static byte[] strip(byte[] s) {
        int start = indexOfEscape(s, 0);
        if (start < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length);
        int i = 0;
        while (i < s.length) {
            int n = indexOfEscape(s, i);
            if (n < 0) {
                out.write(s, i, s.length - i);
                break;
            }
            out.write(s, i, n - i);
            int j = n + 1; // Supervisor starts looking for the terminator after the ESC
            while (j < s.length && TERMINATORS.indexOf(s[j]) < 0) {
                j++;
            }
            i = j + 1;
        }
        return out.toByteArray();
    }

    private static int indexOfEscape(byte[] s, int from) {
        for (int i = from; i + 1 < s.length; i++) {
            if (s[i] == 0x1b && s[i + 1] == '[') {
                return i;
            }
        }
        return -1;
    }
}
