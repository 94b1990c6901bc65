package org.jsupervisor.common.config;

import java.util.List;

/** An {@code [fcgi-program:x]} pool whose processes share one listening socket. */
public record FcgiGroupConfig(String name, int priority, List<ProcessConfig> processes, FcgiSocketConfig socket)
        implements GroupConfig {
    public FcgiGroupConfig {
        processes = List.copyOf(processes);
    }
}
