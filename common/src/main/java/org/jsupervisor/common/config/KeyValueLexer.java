package org.jsupervisor.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits {@code environment} values the way Supervisor does: with Python's
 * {@code shlex.shlex} in its non-POSIX mode (word characters are ASCII letters, digits and
 * {@code _/.+-():}; quotes are kept inside the token; {@code #} starts a comment; any other
 * character is a token by itself), then reads {@code key = value} triples, each followed by
 * one separator token of any kind. We reproduce the lexer rather than a "nicer" split so that
 * every file Supervisor accepts gives the same variables here.
 */
final class KeyValueLexer {
    private KeyValueLexer() {
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "_/.+-():".indexOf(c) >= 0;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            // whitespace state
            while (i < n && isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            char c = s.charAt(i);
            if (c == '#') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                if (i < n) {
                    i++;
                }
                continue;
            }
            if (isWordChar(c)) {
                StringBuilder t = new StringBuilder().append(c);
                i++;
                while (i < n) {
                    char d = s.charAt(i);
                    if (isWhitespace(d)) {
                        i++;
                        break;
                    }
                    if (d == '#') {
                        // non-POSIX shlex skips the rest of the line and goes on with the
                        // same word: "a#x\nb" is the one token "ab"
                        while (i < n && s.charAt(i) != '\n') {
                            i++;
                        }
                        if (i < n) {
                            i++;
                        }
                        continue;
                    }
                    if (isWordChar(d) || d == '\'' || d == '"') {
                        t.append(d);
                        i++;
                        continue;
                    }
                    break; // pushed back: becomes the next token
                }
                out.add(t.toString());
                continue;
            }
            if (c == '\'' || c == '"') {
                int close = s.indexOf(c, i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("No closing quotation");
                }
                out.add(s.substring(i, close + 1));
                i = close + 1;
                continue;
            }
            out.add(String.valueOf(c));
            i++;
        }
    }

    /**
     * {@code KEY=val,KEY2="a, b"} to an ordered map; quotes around values are dropped.
     *
     * @throws IllegalArgumentException with Supervisor's reason when the text is not pairs
     */
    static Map<String, String> pairs(String s) {
        List<String> t = tokens(s);
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < t.size()) {
            if (i + 3 > t.size() || !t.get(i + 1).equals("=")) {
                throw new IllegalArgumentException("Unexpected end of key/value pairs in value '" + s + "'");
            }
            out.put(t.get(i), stripQuotes(t.get(i + 2)));
            i += 4;
        }
        return out;
    }

    private static String stripQuotes(String v) {
        int b = 0;
        int e = v.length();
        while (b < e && (v.charAt(b) == '\'' || v.charAt(b) == '"')) {
            b++;
        }
        while (e > b && (v.charAt(e - 1) == '\'' || v.charAt(e - 1) == '"')) {
            e--;
        }
        return v.substring(b, e);
    }
}
