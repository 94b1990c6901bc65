package org.jsupervisor.supervisord.rpc;

import java.math.BigInteger;
import java.util.List;

import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.RpcFault;

/**
 * Parameter coercions Supervisor gets from Python for free: it calls {@code int()} on
 * offsets and lengths (so {@code "10"}, {@code True} and {@code 2.7} are accepted) and
 * formats any value with {@code %s}. Values Python would choke on are answered with
 * INCORRECT_PARAMETERS here instead of Supervisor's HTTP 500.
 */
final class PyArgs {
    private PyArgs() {
    }

    /** Python {@code int(value)}. */
    static long integer(List<Object> params, int i) {
        Object o = params.get(i);
        if (o instanceof Integer || o instanceof Long) {
            return ((Number) o).longValue();
        }
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (o instanceof Double d && Double.isFinite(d)) {
            return (long) d.doubleValue();
        }
        if (o instanceof String s) {
            String t = s.strip().replace("_", "");
            if (!t.isEmpty() && t.matches("[+-]?\\d+") && !s.strip().startsWith("_") && !s.contains("__")) {
                try {
                    return new BigInteger(t).longValueExact();
                } catch (ArithmeticException e) {
                    throw new RpcFault(Faults.INCORRECT_PARAMETERS);
                }
            }
        }
        throw new RpcFault(Faults.INCORRECT_PARAMETERS);
    }

    /** A name parameter: must be a string (Python would fail on anything else). */
    static String name(List<Object> params, int i) {
        if (params.get(i) instanceof String s) {
            return s;
        }
        throw new RpcFault(Faults.INCORRECT_PARAMETERS);
    }

    /** Python {@code str(value)} for the simple XML-RPC types. */
    static String str(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return o.toString();
    }

    /** Clamps to the 32-bit range XML-RPC integers have (Supervisor's capped_int). */
    static int capped(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
