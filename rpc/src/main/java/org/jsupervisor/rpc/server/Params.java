package org.jsupervisor.rpc.server;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.RpcFault;

/**
 * Typed access to request parameters for handlers. A parameter of the wrong type is an
 * INCORRECT_PARAMETERS fault, the nearest thing to the Python TypeError Supervisor turns
 * into that fault.
 */
public final class Params {
    private Params() {
    }

    public static String string(List<Object> params, int i) {
        Object o = params.get(i);
        if (o instanceof String) {
            return (String) o;
        }
        throw incorrect();
    }

    public static int integer(List<Object> params, int i) {
        Object o = params.get(i);
        if (o instanceof Integer) {
            return (Integer) o;
        }
        throw incorrect();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(List<Object> params, int i) {
        Object o = params.get(i);
        if (o instanceof List) {
            return (List<Object>) o;
        }
        throw incorrect();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> struct(List<Object> params, int i) {
        Object o = params.get(i);
        if (o instanceof Map) {
            return (Map<String, Object>) o;
        }
        throw incorrect();
    }

    /**
     * Python truthiness of parameter {@code i}, or {@code dflt} when the caller left it out:
     * Supervisor tests flags like {@code wait} with a bare {@code if}, so {@code 1},
     * {@code "yes"} and a non-empty list all count as true.
     */
    public static boolean truthy(List<Object> params, int i, boolean dflt) {
        return i < params.size() ? truthy(params.get(i)) : dflt;
    }

    /** Python truthiness of an XML-RPC value. */
    public static boolean truthy(Object o) {
        if (o == null) {
            return false;
        } else if (o instanceof Boolean) {
            return (Boolean) o;
        } else if (o instanceof Number) {
            return ((Number) o).doubleValue() != 0;
        } else if (o instanceof String) {
            return !((String) o).isEmpty();
        } else if (o instanceof byte[]) {
            return ((byte[]) o).length > 0;
        } else if (o instanceof Collection) {
            return !((Collection<?>) o).isEmpty();
        } else if (o instanceof Map) {
            return !((Map<?, ?>) o).isEmpty();
        }
        return true;
    }

    private static RpcFault incorrect() {
        return new RpcFault(Faults.INCORRECT_PARAMETERS);
    }
}
