package org.jsupervisor.supervisorctl.command;

/** Python's {@code int(text)} for the byte counts of tail and maintail ({@code -100}). */
final class PyInt {
    private PyInt() {
    }

    /** The value, or null where Python would raise ValueError. */
    static Integer parse(String text) {
        String t = text.strip().replace("_", "");
        if (t.isEmpty() || text.strip().startsWith("_") || text.strip().endsWith("_")) {
            return null;
        }
        try {
            return Integer.valueOf(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
