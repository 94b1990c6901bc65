package org.jsupervisor.rpc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes XML-RPC method calls and responses byte for byte as Python's
 * {@code xmlrpc.client.dumps} does (the format Supervisor answers in), with one deliberate
 * difference: characters XML 1.0 cannot carry (control characters other than tab, LF and
 * CR, lone surrogates, U+FFFE/U+FFFF) are written as U+FFFD, so the output is always
 * well-formed XML. Python writes them raw and its readers then fail.
 *
 * <p>Java to XML-RPC: {@code null} → {@code <nil/>}; Boolean → boolean; Integer, Long, Short,
 * Byte, BigInteger → int (must fit 32 bits, as in Python); Double, Float → double (Python
 * {@code repr} notation); CharSequence, Character → string; byte[] → base64;
 * {@link LocalDateTime} → dateTime.iso8601; Map with String keys → struct (in iteration
 * order); List, Collection, Object[] → array. Anything else is an
 * {@link IllegalArgumentException}.
 *
 * <p>Stateless and thread-safe.
 */
public final class XmlRpcWriter {
    private static final String HEADER = "<?xml version='1.0'?>\n";
    private static final int MAX_DEPTH = 1000;
    private static final long MAX_INT = Integer.MAX_VALUE;
    private static final long MIN_INT = Integer.MIN_VALUE;

    private XmlRpcWriter() {
    }

    /** A {@code <methodCall>} document. */
    public static byte[] methodCall(String methodName, List<?> params) {
        return methodCallString(methodName, params).getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code <methodResponse>} document carrying one value. */
    public static byte[] response(Object value) {
        return responseString(value).getBytes(StandardCharsets.UTF_8);
    }

    /** A fault {@code <methodResponse>} document. */
    public static byte[] fault(int code, String faultString) {
        return faultString(code, faultString).getBytes(StandardCharsets.UTF_8);
    }

    /** A fault {@code <methodResponse>} document. */
    public static byte[] fault(RpcFault fault) {
        return fault(fault.code(), fault.faultString());
    }

    /** As {@link #methodCall} but as a String. */
    public static String methodCallString(String methodName, List<?> params) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(HEADER).append("<methodCall>\n<methodName>");
        // Python writes the name unescaped; we escape so that no name can break the document.
        text(sb, methodName);
        sb.append("</methodName>\n<params>\n");
        for (Object p : params) {
            sb.append("<param>\n");
            value(sb, p, 0);
            sb.append("</param>\n");
        }
        sb.append("</params>\n</methodCall>\n");
        return sb.toString();
    }

    /** As {@link #response} but as a String. */
    public static String responseString(Object value) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(HEADER).append("<methodResponse>\n<params>\n<param>\n");
        value(sb, value, 0);
        sb.append("</param>\n</params>\n</methodResponse>\n");
        return sb.toString();
    }

    /** As {@link #fault(int, String)} but as a String. */
    public static String faultString(int code, String faultString) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(HEADER).append("<methodResponse>\n<fault>\n<value><struct>\n");
        sb.append("<member>\n<name>faultCode</name>\n<value><int>").append(code).append("</int></value>\n</member>\n");
        sb.append("<member>\n<name>faultString</name>\n<value><string>");
        text(sb, faultString == null ? "" : faultString);
        sb.append("</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n");
        return sb.toString();
    }

    private static void value(StringBuilder sb, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested too deeply (recursive structure?)");
        }
        if (v == null) {
            sb.append("<value><nil/></value>");
        } else if (v instanceof Boolean) {
            sb.append("<value><boolean>").append((Boolean) v ? '1' : '0').append("</boolean></value>\n");
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sb.append("<value><int>").append(((Number) v).intValue()).append("</int></value>\n");
        } else if (v instanceof Long) {
            sb.append("<value><int>").append(checkInt((Long) v)).append("</int></value>\n");
        } else if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            if (b.bitLength() > 31) {
                throw new IllegalArgumentException("int exceeds XML-RPC limits: " + b);
            }
            sb.append("<value><int>").append(b.intValue()).append("</int></value>\n");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append("<value><double>").append(PyFloat.repr(((Number) v).doubleValue()))
                .append("</double></value>\n");
        } else if (v instanceof CharSequence || v instanceof Character) {
            sb.append("<value><string>");
            text(sb, v.toString());
            sb.append("</string></value>\n");
        } else if (v instanceof byte[]) {
            byte[] b = (byte[]) v;
            sb.append("<value><base64>\n");
            if (b.length > 0) {
                // Python's base64.encodebytes: 76-character lines, each ending in a newline.
                sb.append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(b)).append('\n');
            }
            sb.append("</base64></value>\n");
        } else if (v instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) v;
            sb.append("<value><dateTime.iso8601>")
                .append(String.format("%04d%02d%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()))
                .append("</dateTime.iso8601></value>\n");
        } else if (v instanceof Map) {
            sb.append("<value><struct>\n");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("dictionary key must be string: " + e.getKey());
                }
                sb.append("<member>\n<name>");
                text(sb, (String) e.getKey());
                sb.append("</name>\n");
                value(sb, e.getValue(), depth + 1);
                sb.append("</member>\n");
            }
            sb.append("</struct></value>\n");
        } else if (v instanceof Collection) {
            sb.append("<value><array><data>\n");
            for (Object o : (Collection<?>) v) {
                value(sb, o, depth + 1);
            }
            sb.append("</data></array></value>\n");
        } else if (v instanceof Object[]) {
            sb.append("<value><array><data>\n");
            for (Object o : (Object[]) v) {
                value(sb, o, depth + 1);
            }
            sb.append("</data></array></value>\n");
        } else {
            throw new IllegalArgumentException("cannot marshal " + v.getClass().getName() + " objects");
        }
    }

    private static long checkInt(long l) {
        if (l > MAX_INT || l < MIN_INT) {
            throw new IllegalArgumentException("int exceeds XML-RPC limits: " + l);
        }
        return l;
    }

    /**
     * Appends character data escaped as Python's xmlrpc.client escapes it (&amp;, &lt;, &gt;
     * only), with characters that XML 1.0 forbids replaced by U+FFFD.
     */
    static void text(StringBuilder sb, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                default:
                    if (c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c == '\r'
                        || c >= 0xE000 && c <= 0xFFFD) {
                        sb.append(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else {
                        sb.append('\uFFFD');
                    }
            }
        }
    }

    /** True when the writer would pass {@code s} through unchanged (apart from escaping). */
    public static boolean isXmlSafe(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c == '\r' || c >= 0xE000 && c <= 0xFFFD) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return false;
        }
        return true;
    }
}
