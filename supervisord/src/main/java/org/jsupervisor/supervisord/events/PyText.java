package org.jsupervisor.supervisord.events;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text as Supervisor's Python renders it into event payloads: child output is decoded as
 * strict UTF-8, and bytes that are not UTF-8 become {@code Undecodable: b'...'} (Python's
 * bytes repr). Envelope lengths count code points, because Supervisor measures the
 * payload as a Python {@code str} and childutils reads that many characters back.
 */
final class PyText {
    private PyText() {
    }

    /** The payload text for raw child output. */
    static String decodeOrRepr(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return "Undecodable: " + bytesRepr(data);
        }
    }

    /** Python's {@code repr()} of a bytes object. */
    static String bytesRepr(byte[] b) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte x : b) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder s = new StringBuilder(b.length + 3).append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == quote || c == '\\') {
                s.append('\\').append((char) c);
            } else if (c == '\t') {
                s.append("\\t");
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c == '\r') {
                s.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append((char) c);
            }
        }
        return s.append(quote).toString();
    }

    /** Python's {@code len()} of a str: code points, not UTF-16 units or bytes. */
    static int pyLen(String s) {
        return s.codePointCount(0, s.length());
    }
}
