package org.jsupervisor.common.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import org.jsupervisor.common.config.ini.PyText;

/**
 * Python's {@code text % mapping}, which is how Supervisor expands {@code %(name)s} in its
 * configuration. {@code %%} is a literal percent sign, {@code %(name)02d} formats a number,
 * and a lone {@code %} or an unknown name is an error.
 *
 * <p>Values are {@link String}s or {@link Integer}s (only {@code process_num} and
 * {@code numprocs} are numbers). Stateless and thread-safe.
 */
final class PyFormat {
    private PyFormat() {
    }

    /** An unknown {@code %(name)}: Python raises KeyError. */
    static final class MissingName extends Exception {
        final String name;

        MissingName(String name) {
            super(name);
            this.name = name;
        }
    }

    /** A malformed format or a value of the wrong type: Python raises ValueError/TypeError. */
    static final class BadFormat extends Exception {
        BadFormat(String message) {
            super(message);
        }
    }

    static String format(String s, Map<String, ?> values) throws MissingName, BadFormat {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int start = i;
            i++;
            if (i >= n) {
                throw new BadFormat("incomplete format");
            }
            if (s.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            Object value;
            if (s.charAt(i) == '(') {
                int depth = 1;
                int keyStart = ++i;
                while (i < n && depth > 0) {
                    if (s.charAt(i) == '(') {
                        depth++;
                    } else if (s.charAt(i) == ')') {
                        depth--;
                    }
                    i++;
                }
                if (depth > 0) {
                    throw new BadFormat("incomplete format key");
                }
                String key = s.substring(keyStart, i - 1);
                if (!values.containsKey(key)) {
                    throw new MissingName(key);
                }
                value = values.get(key);
            } else {
                int j = i;
                while (j < n && "-+ #0123456789.hlL*".indexOf(s.charAt(j)) >= 0) {
                    j++;
                }
                if (j >= n) {
                    throw new BadFormat("incomplete format");
                }
                if ("diouxXeEfFgGcrsa".indexOf(s.charAt(j)) < 0) {
                    throw new BadFormat("unsupported format character " + PyText.repr(String.valueOf(s.charAt(j)))
                            + " (0x" + Integer.toHexString(s.charAt(j)) + ") at index " + j);
                }
                // Python would format the whole mapping itself here; nobody means that.
                throw new BadFormat("a format without a (name) is not supported here: "
                        + PyText.repr(s.substring(start, j + 1)));
            }
            boolean left = false;
            boolean plus = false;
            boolean space = false;
            boolean alt = false;
            boolean zero = false;
            for (; i < n; i++) {
                char f = s.charAt(i);
                if (f == '-') {
                    left = true;
                } else if (f == '+') {
                    plus = true;
                } else if (f == ' ') {
                    space = true;
                } else if (f == '#') {
                    alt = true;
                } else if (f == '0') {
                    zero = true;
                } else {
                    break;
                }
            }
            int width = -1;
            if (i < n && s.charAt(i) == '*') {
                throw new BadFormat("not enough arguments for format string");
            }
            int ws = i;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            if (i > ws) {
                width = Integer.parseInt(s.substring(ws, i));
            }
            int precision = -1;
            if (i < n && s.charAt(i) == '.') {
                i++;
                if (i < n && s.charAt(i) == '*') {
                    throw new BadFormat("not enough arguments for format string");
                }
                int ps = i;
                while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                    i++;
                }
                precision = i > ps ? Integer.parseInt(s.substring(ps, i)) : 0;
            }
            while (i < n && (s.charAt(i) == 'h' || s.charAt(i) == 'l' || s.charAt(i) == 'L')) {
                i++;
            }
            if (i >= n) {
                throw new BadFormat("incomplete format");
            }
            char conv = s.charAt(i);
            String body;
            String sign = "";
            boolean numeric = true;
            switch (conv) {
                case 's' -> {
                    body = String.valueOf(value);
                    numeric = false;
                }
                case 'r', 'a' -> {
                    body = value instanceof String str ? PyText.repr(str) : String.valueOf(value);
                    numeric = false;
                }
                case 'c' -> {
                    if (value instanceof Integer v) {
                        body = new String(Character.toChars(v));
                    } else if (value instanceof String str && str.codePointCount(0, str.length()) == 1) {
                        body = str;
                    } else {
                        throw new BadFormat("%c requires int or char");
                    }
                    numeric = false;
                }
                case 'd', 'i', 'u', 'x', 'X', 'o' -> {
                    if (!(value instanceof Integer v)) {
                        throw new BadFormat("%" + conv + " format: "
                                + (conv == 'd' || conv == 'i' || conv == 'u' ? "a real number" : "an integer")
                                + " is required, not " + typeName(value));
                    }
                    long abs = Math.abs((long) v);
                    if (v < 0) {
                        sign = "-";
                    }
                    body = switch (conv) {
                        case 'x' -> Long.toHexString(abs);
                        case 'X' -> Long.toHexString(abs).toUpperCase(Locale.ROOT);
                        case 'o' -> Long.toOctalString(abs);
                        default -> Long.toString(abs);
                    };
                    if (precision >= 0) {
                        body = "0".repeat(Math.max(0, precision - body.length())) + body;
                    }
                    if (alt && (conv == 'x' || conv == 'X' || conv == 'o')) {
                        sign = sign + "0" + (conv == 'o' ? "o" : String.valueOf(conv));
                    }
                }
                case 'e', 'E', 'f', 'F', 'g', 'G' -> {
                    if (!(value instanceof Integer v)) {
                        throw new BadFormat("must be real number, not " + typeName(value));
                    }
                    if (v < 0) {
                        sign = "-";
                    }
                    body = floating(Math.abs((long) v), conv, precision < 0 ? 6 : precision);
                }
                default -> throw new BadFormat("unsupported format character " + PyText.repr(String.valueOf(conv))
                        + " (0x" + Integer.toHexString(conv) + ") at index " + i);
            }
            i++;
            if (!numeric && precision >= 0 && body.length() > precision) {
                body = body.substring(0, precision);
            }
            if (numeric && sign.isEmpty() || numeric && sign.startsWith("0")) {
                if (plus) {
                    sign = "+" + sign;
                } else if (space) {
                    sign = " " + sign;
                }
            }
            String text = sign + body;
            int pad = width - text.length();
            if (pad > 0) {
                if (left) {
                    text = text + " ".repeat(pad);
                } else if (zero && numeric) {
                    text = sign + "0".repeat(pad) + body;
                } else {
                    text = " ".repeat(pad) + text;
                }
            }
            out.append(text);
        }
        return out.toString();
    }

    private static String floating(long v, char conv, int precision) {
        String r = switch (Character.toLowerCase(conv)) {
            case 'f' -> new BigDecimal(v).setScale(precision).toPlainString();
            case 'e' -> String.format(Locale.ROOT, "%." + precision + "e", (double) v);
            default -> {
                int p = Math.max(precision, 1);
                if (v < Math.pow(10, p)) {
                    yield Long.toString(v);
                }
                String e = String.format(Locale.ROOT, "%." + (p - 1) + "e", (double) v);
                String mant = e.substring(0, e.indexOf('e'));
                if (mant.contains(".")) {
                    mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
                }
                yield mant + e.substring(e.indexOf('e'));
            }
        };
        return Character.isUpperCase(conv) ? r.toUpperCase(Locale.ROOT) : r;
    }

    private static String typeName(Object value) {
        return value instanceof String ? "str" : value instanceof Integer ? "int" : "object";
    }
}
