package org.jsupervisor.supervisord.engine;

import java.util.List;

/**
 * Group names that a reread found added, changed or removed, compared with the active
 * groups, as Supervisor computes them ({@code reloadConfig}'s {@code [[added, changed, removed]]}).
 */
public record ConfigDiff(List<String> added, List<String> changed, List<String> removed) {
    public ConfigDiff {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }
}
