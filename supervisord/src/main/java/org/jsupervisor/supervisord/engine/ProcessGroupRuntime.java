package org.jsupervisor.supervisord.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.config.GroupConfig;

/** An active group: its config and its processes (in config order). Engine-thread confined. */
final class ProcessGroupRuntime {
    final GroupConfig config;
    final List<Subprocess> processes;

    ProcessGroupRuntime(GroupConfig config, List<Subprocess> processes) {
        this.config = config;
        this.processes = List.copyOf(processes);
    }

    String name() {
        return config.name();
    }

    int priority() {
        return config.priority();
    }

    /** Processes in ascending priority (stable for equal priorities). */
    List<Subprocess> byPriority() {
        List<Subprocess> l = new ArrayList<>(processes);
        l.sort(Comparator.comparingInt(p -> p.config.priority()));
        return l;
    }

    /** Stops everything in descending priority order, giving up on BACKOFF processes. */
    void stopAll(long now) {
        List<Subprocess> l = byPriority();
        java.util.Collections.reverse(l);
        for (Subprocess p : l) {
            ProcessState s = p.state();
            if (s == ProcessState.RUNNING || s == ProcessState.STARTING) {
                p.stop(now);
            } else if (s == ProcessState.BACKOFF) {
                p.giveUp(now);
            }
        }
    }

    List<Subprocess> unstopped() {
        return processes.stream().filter(p -> !p.state().isStoppedState()).toList();
    }
}
