package org.jsupervisor.supervisord.engine;

import java.util.List;
import org.jsupervisor.common.config.GroupConfig;

/** An immutable snapshot of an active group and its processes (priority order). */
public record GroupInfo(String name, int priority, GroupConfig config, List<ProcessInfo> processes) {
    public GroupInfo {
        processes = List.copyOf(processes);
    }
}
