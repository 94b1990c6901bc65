package org.jsupervisor.common.config;

import java.util.List;

/** A process group: what {@code addProcessGroup} adds and a reread compares. */
public sealed interface GroupConfig permits ProcessGroupConfig, EventListenerPoolConfig, FcgiGroupConfig {
    String name();

    int priority();

    List<ProcessConfig> processes();
}
