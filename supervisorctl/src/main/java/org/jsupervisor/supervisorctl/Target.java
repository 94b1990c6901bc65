package org.jsupervisor.supervisorctl;

/**
 * A name given on the command line, resolved the way Supervisor does: {@code all},
 * {@code group:*} or {@code group:} (a whole group), {@code group:name}, or a bare {@code name}
 * (a process whose group has the same name, or a whole group, depending on the command).
 *
 * @param word    what the user typed
 * @param group   the group part
 * @param process the process part, or null for a whole group
 */
public record Target(String word, String group, String process) {

    /** True when the user typed {@code all} anywhere: callers act on everything. */
    public static boolean anyAll(java.util.List<String> words) {
        return words.contains("all");
    }

    /** Splits a name the way Supervisor's {@code split_namespec} does. */
    public static Target parse(String word) {
        int colon = word.indexOf(':');
        if (colon < 0) {
            return new Target(word, word, word);
        }
        String group = word.substring(0, colon);
        String process = word.substring(colon + 1);
        if (process.isEmpty() || process.equals("*")) {
            process = null;
        }
        return new Target(word, group, process);
    }

    /** A whole group ({@code group:*}). */
    public boolean isGroup() {
        return process == null;
    }

    /** How Supervisor names a process: just the name when group and name are equal. */
    public static String namespec(String group, String name) {
        return group.equals(name) ? name : group + ":" + name;
    }
}
