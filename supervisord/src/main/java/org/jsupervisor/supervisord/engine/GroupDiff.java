package org.jsupervisor.supervisord.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsupervisor.common.config.GroupConfig;
import org.jsupervisor.common.config.SupervisorConfig;

/**
 * Supervisor's {@code diff_to_active}: groups in the new configuration but not active
 * (added), active with a different configuration (changed), active but gone (removed).
 * Configurations are compared as values; AUTO log names are not part of them, so an
 * unchanged group stays unchanged.
 */
final class GroupDiff {
    private GroupDiff() {
    }

    static ConfigDiff compute(Map<String, ProcessGroupRuntime> active, SupervisorConfig next) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, GroupConfig> newByName = new LinkedHashMap<>();
        next.groups().forEach(g -> newByName.put(g.name(), g));
        for (GroupConfig g : next.groups()) {
            ProcessGroupRuntime cur = active.get(g.name());
            if (cur == null) {
                added.add(g.name());
            } else if (!cur.config.equals(g)) {
                changed.add(g.name());
            }
        }
        for (ProcessGroupRuntime g : active.values()) {
            if (!newByName.containsKey(g.name())) {
                removed.add(g.name());
            }
        }
        return new ConfigDiff(added, changed, removed);
    }
}
