package org.jsupervisor.supervisorctl.command;

import java.util.List;
import java.util.Map;

import org.jsupervisor.supervisorctl.Target;

import static org.jsupervisor.rpc.Faults.*;

/**
 * Reading XML-RPC values and turning per-process results into Supervisor's output lines.
 */
final class Results {

    private Results() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> structs(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> struct(Object value) {
        return (Map<String, Object>) value;
    }

    static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "None" : v.toString();
    }

    static int num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return 0;
    }

    static boolean truthy(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        return v != null && !v.toString().isEmpty();
    }

    /** Namespec of a result struct; a missing process part prints as Python's None. */
    static String namespec(String group, String name) {
        return Target.namespec(group, name == null ? "None" : name);
    }

    static String namespec(Map<String, Object> result) {
        return namespec(str(result, "group"), str(result, "name"));
    }

    private static String error(String name, String what) {
        return name + ": ERROR (" + what + ")";
    }

    static String startLine(String name, int code) {
        switch (code) {
            case BAD_NAME: return error(name, "no such process");
            case NO_FILE: return error(name, "no such file");
            case NOT_EXECUTABLE: return error(name, "file is not executable");
            case ALREADY_STARTED: return error(name, "already started");
            case SPAWN_ERROR: return error(name, "spawn error");
            case ABNORMAL_TERMINATION: return error(name, "abnormal termination");
            case SUCCESS: return name + ": started";
            default: throw unknown(code, name);
        }
    }

    static String signalLine(String name, int code, String description, String success) {
        switch (code) {
            case BAD_NAME: return error(name, "no such process");
            case BAD_SIGNAL: return error(name, "bad signal name");
            case NOT_RUNNING: return error(name, "not running");
            case SUCCESS: return name + ": " + success;
            case FAILED: return description;
            default: throw unknown(code, name);
        }
    }

    static String clearLine(String name, int code) {
        switch (code) {
            case BAD_NAME: return error(name, "no such process");
            case FAILED: return error(name, "failed");
            case SUCCESS: return name + ": cleared";
            default: throw unknown(code, name);
        }
    }

    private static IllegalArgumentException unknown(int code, String name) {
        return new IllegalArgumentException("Unknown result code " + code + " for " + name);
    }
}
