package org.jsupervisor.common.config.ini;

import java.math.BigInteger;
import org.jsupervisor.common.PyRepr;

/**
 * Python's notions of whitespace and integers, which differ from Java's: Python strips
 * {@code U+00A0} and {@code U+001C..U+001F} and Java's {@link String#strip()} does not, and
 * Python's {@code int()} accepts {@code +5}, {@code 1_000} and surrounding whitespace.
 * Supervisor's files are read with those rules, so we use them too.
 */
public final class PyText {
    private PyText() {
    }

    /** Python's {@code str.isspace()} for one character. */
    public static boolean isSpace(char c) {
        switch (c) {
            case ' ', '\t', '\n', '\u000b', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u001f',
                    '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000':
                return true;
            default:
                return c >= '\u2000' && c <= '\u200a';
        }
    }

    /** Python's {@code str.strip()}. */
    public static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    /** Python's {@code str.rstrip()}. */
    public static String rstrip(String s) {
        int e = s.length();
        while (e > 0 && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(0, e);
    }

    /** Python's {@code str.split()} without arguments: runs of whitespace separate words. */
    public static java.util.List<String> splitWhitespace(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /**
     * Python's {@code int(text, radix)}: optional surrounding whitespace, a sign, digits with
     * single underscores between them, and for radix 8 an optional {@code 0o} prefix.
     *
     * @throws NumberFormatException with Python's wording when the text is not an integer
     */
    public static BigInteger parseInt(String text, int radix) {
        String t = strip(text);
        String body = t;
        boolean negative = false;
        if (!body.isEmpty() && (body.charAt(0) == '+' || body.charAt(0) == '-')) {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        if (radix == 8 && body.length() > 2 && body.charAt(0) == '0'
                && (body.charAt(1) == 'o' || body.charAt(1) == 'O')) {
            body = body.substring(2);
            if (body.startsWith("_")) {
                body = body.substring(1);
            }
        }
        if (body.isEmpty() || body.startsWith("_") || body.endsWith("_") || body.contains("__")) {
            throw invalid(text, radix);
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '_') {
                continue;
            }
            int d = Character.digit(c, radix);
            if (d < 0) {
                throw invalid(text, radix);
            }
            digits.append(Character.forDigit(d, radix));
        }
        BigInteger v = new BigInteger(digits.toString(), radix);
        return negative ? v.negate() : v;
    }

    private static NumberFormatException invalid(String text, int radix) {
        return new NumberFormatException("invalid literal for int() with base " + radix + ": " + repr(text));
    }

    /** Python's {@code repr()} of a string. */
    public static String repr(String s) {
        return PyRepr.of(s);
    }
}
