package org.jsupervisor.supervisord.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jsupervisor.common.config.GroupConfig;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.EngineException.Failure;
import org.jsupervisor.supervisord.engine.event.ProcessCommunicationEvent;
import org.jsupervisor.supervisord.engine.event.ProcessGroupEvent;
import org.jsupervisor.supervisord.engine.event.ProcessLogEvent;
import org.jsupervisor.supervisord.fcgi.FcgiPools;

/**
 * The active process groups: building a group's processes with their child logs and event
 * sinks, removing a group, finding a process by name, the priority order. Supervisor's
 * {@code process_groups} dictionary with what happens when an entry comes and goes.
 *
 * <p>Threading: engine thread only.
 */
final class ProcessGroups {
    private final Map<String, ProcessGroupRuntime> groups = new LinkedHashMap<>();
    private final ChildLogs childLogs;
    private final EventBus events;
    /** fcgi hook (issue 9): the listening sockets of fcgi-program groups. */
    private final FcgiPools fcgi;

    ProcessGroups(ChildLogs childLogs, EventBus events, FcgiPools fcgi) {
        this.childLogs = childLogs;
        this.events = events;
        this.fcgi = fcgi;
    }

    /**
     * Activates a group: one {@link Subprocess} per process, with its logs and event sinks.
     *
     * @param host            the engine's host for ordinary groups
     * @param hostWithLauncher the host for a group that spawns through its own launcher
     */
    void add(SupervisorConfig config, GroupConfig g, ProcessHost host, Function<Launcher, ProcessHost> hostWithLauncher) {
        List<Subprocess> ps = new ArrayList<>();
        // fcgi hook (issue 9): an fcgi pool's processes spawn through its socket-holding launcher
        ProcessHost groupHost = fcgi.added(g).map(hostWithLauncher).orElse(host);
        for (var pc : g.processes()) {
            ProcessId id = new ProcessId(g.name(), pc.name());
            Subprocess p = new Subprocess(groupHost, id, pc, childLogs.create(config, pc, OutputChannel.STDOUT),
                    pc.redirectStderr() ? null : childLogs.create(config, pc, OutputChannel.STDERR));
            if (pc.stdout().eventsEnabled()) {
                p.stdoutLog.setEventSink(b -> events.publishLater(new ProcessLogEvent(p.id, p.outputPid(), OutputChannel.STDOUT, b)));
            }
            p.stdoutLog.setCommunicationSink(
                    b -> events.publishLater(new ProcessCommunicationEvent(p.id, p.outputPid(), OutputChannel.STDOUT, b)));
            if (p.stderrLog != null) {
                p.stderrLog.setCommunicationSink(
                        b -> events.publishLater(new ProcessCommunicationEvent(p.id, p.outputPid(), OutputChannel.STDERR, b)));
            }
            if (p.stderrLog != null && pc.stderr().eventsEnabled()) {
                p.stderrLog.setEventSink(b -> events.publishLater(new ProcessLogEvent(p.id, p.outputPid(), OutputChannel.STDERR, b)));
            }
            ps.add(p);
        }
        groups.put(g.name(), new ProcessGroupRuntime(g, ps));
        events.publish(new ProcessGroupEvent(g.name(), true));
    }

    /** Removes a group whose processes are all stopped (Supervisor's removeProcessGroup checks). */
    void remove(String name) {
        ProcessGroupRuntime g = groups.get(name);
        if (g == null) {
            throw new EngineException(Failure.BAD_NAME, name);
        }
        if (!g.unstopped().isEmpty()) {
            throw new EngineException(Failure.STILL_RUNNING, name);
        }
        groups.remove(name);
        g.processes.forEach(childLogs::close);
        fcgi.removed(name); // fcgi hook (issue 9)
        events.publish(new ProcessGroupEvent(name, false));
    }

    boolean contains(String name) {
        return groups.containsKey(name);
    }

    /** The process, or BAD_NAME. */
    Subprocess find(ProcessId id) {
        ProcessGroupRuntime g = groups.get(id.group());
        if (g != null) {
            for (Subprocess p : g.processes) {
                if (p.name().equals(id.name())) {
                    return p;
                }
            }
        }
        throw new EngineException(Failure.BAD_NAME, id.namespec());
    }

    /** Groups in ascending priority (stable for equal priorities). */
    List<ProcessGroupRuntime> sorted() {
        List<ProcessGroupRuntime> l = new ArrayList<>(groups.values());
        l.sort(Comparator.comparingInt(ProcessGroupRuntime::priority));
        return l;
    }

    /** The groups by name, read-only (for the configuration diff). */
    Map<String, ProcessGroupRuntime> byName() {
        return Collections.unmodifiableMap(groups);
    }

    Iterable<ProcessGroupRuntime> all() {
        return groups.values();
    }

    /** Reopens every child log (SIGUSR2). */
    void reopenLogs() {
        groups.values().forEach(g -> g.processes.forEach(p -> {
            if (p.stdoutLog != null) {
                p.stdoutLog.reopen();
            }
            if (p.stderrLog != null) {
                p.stderrLog.reopen();
            }
        }));
    }

    /** Closes every child log and the fcgi sockets (the engine is closing). */
    void close() {
        groups.values().forEach(g -> g.processes.forEach(childLogs::close));
        fcgi.close(); // fcgi hook (issue 9)
    }
}
