package org.jsupervisor.supervisord.engine;

import java.util.Objects;

/**
 * Names a process: its group and its own name. {@link #namespec()} is Supervisor's
 * {@code group:name} form, or just {@code name} when both are the same.
 */
public record ProcessId(String group, String name) {
    public ProcessId {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(name, "name");
    }

    /** {@code group:name}, or {@code name} when the group has the process's name. */
    public String namespec() {
        return group.equals(name) ? name : group + ":" + name;
    }

    @Override
    public String toString() {
        return namespec();
    }
}
