package org.jsupervisor.common.config;

import java.util.List;

/** A group from a {@code [program:x]} section, or a {@code [group:x]} that gathers programs. */
public record ProcessGroupConfig(String name, int priority, List<ProcessConfig> processes)
        implements GroupConfig {
    public ProcessGroupConfig {
        processes = List.copyOf(processes);
    }
}
