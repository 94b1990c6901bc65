package org.jsupervisor.supervisord.engine;

import java.util.ArrayList;
import java.util.List;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * Supervisor's ordered stop for shutdown and restart: groups are stopped one at a time,
 * highest priority first, and the next group only once every process of the previous one
 * is stopped; {@code waiting for a, b to die} every 3 seconds. Engine thread only.
 */
final class OrderedShutdown {
    private final List<ProcessGroupRuntime> remaining;
    private final SupervisorLog log;
    private long lastReport;

    OrderedShutdown(List<ProcessGroupRuntime> byPriority, SupervisorLog log) {
        this.remaining = new ArrayList<>(byPriority);
        this.log = log;
    }

    /** Stops the current group; returns true once nothing is left running anywhere. */
    boolean stopNextGroup(List<ProcessGroupRuntime> all, long now) {
        if (!remaining.isEmpty()) {
            remaining.get(remaining.size() - 1).stopAll(now);
        }
        List<Subprocess> unstopped = new ArrayList<>();
        all.forEach(g -> unstopped.addAll(g.unstopped()));
        if (unstopped.isEmpty()) {
            return true;
        }
        if (now > lastReport + 3000) {
            StringBuilder names = new StringBuilder();
            for (Subprocess p : unstopped) {
                names.append(names.length() == 0 ? "" : ", ").append(p.name());
            }
            log.info("waiting for " + names + " to die");
            lastReport = now;
        }
        return false;
    }

    /** After the transitions: moves past a fully stopped group. True if another round is due at once. */
    boolean advance(List<ProcessGroupRuntime> all) {
        if (!remaining.isEmpty() && remaining.get(remaining.size() - 1).unstopped().isEmpty()) {
            remaining.remove(remaining.size() - 1);
            return true;
        }
        return all.stream().allMatch(g -> g.unstopped().isEmpty());
    }

    long nextReport() {
        return lastReport + 3001;
    }
}
