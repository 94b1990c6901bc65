package org.jsupervisor.common.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All process groups of a file, in Supervisor's order and with its rules: {@code [group:x]}
 * sections first (each claims its programs, which then form no group of their own), then
 * {@code [program:x]}, {@code [eventlistener:x]} and {@code [fcgi-program:x]}; finally sorted
 * by priority, then name.
 */
final class GroupSectionsReader {
    /** The event type names Supervisor 4.2.5 knows (supervisor.events.EventTypes). */
    static final Set<String> EVENT_TYPES = Set.of("EVENT", "PROCESS_COMMUNICATION",
            "PROCESS_COMMUNICATION_STDERR", "PROCESS_COMMUNICATION_STDOUT", "PROCESS_GROUP",
            "PROCESS_GROUP_ADDED", "PROCESS_GROUP_REMOVED", "PROCESS_LOG", "PROCESS_LOG_STDERR",
            "PROCESS_LOG_STDOUT", "PROCESS_STATE", "PROCESS_STATE_BACKOFF", "PROCESS_STATE_EXITED",
            "PROCESS_STATE_FATAL", "PROCESS_STATE_RUNNING", "PROCESS_STATE_STARTING",
            "PROCESS_STATE_STOPPED", "PROCESS_STATE_STOPPING", "PROCESS_STATE_UNKNOWN",
            "REMOTE_COMMUNICATION", "SUPERVISOR_STATE_CHANGE", "SUPERVISOR_STATE_CHANGE_RUNNING",
            "SUPERVISOR_STATE_CHANGE_STOPPING", "TICK", "TICK_3600", "TICK_5", "TICK_60");

    private final SectionReader r;
    private final Map<String, Object> hereOnly;
    private final ProcessSectionReader processes;

    GroupSectionsReader(SectionReader r, String here, List<String> warnings) {
        this.r = r;
        this.hereOnly = Map.of("here", here);
        this.processes = new ProcessSectionReader(r, here, warnings);
    }

    List<GroupConfig> read() throws ConfigException {
        List<String> all = r.ini.sections();
        List<GroupConfig> groups = new ArrayList<>();
        Set<String> claimed = new LinkedHashSet<>();
        for (String section : all) {
            if (!section.startsWith("group:")) {
                continue;
            }
            String name = r.convert(section, null, section.split(":", 2)[1], Values::processOrGroupName);
            List<String> programs = Values.listOfStrings(r.get(section, "programs", null, hereOnly));
            int priority = integer(section, "priority", "999");
            List<ProcessConfig> members = new ArrayList<>();
            for (String program : programs) {
                String ps = "program:" + program;
                String fs = "fcgi-program:" + program;
                boolean isProgram = all.contains(ps);
                boolean isFcgi = all.contains(fs);
                if (!isProgram && !isFcgi) {
                    throw r.error(section, "programs", "unknown program or fcgi-program " + org.jsupervisor.common
                            .config.ini.PyText.repr(program) + " (there is no [program:" + program
                            + "] or [fcgi-program:" + program + "] section)");
                }
                if (isProgram && isFcgi) {
                    throw r.error(section, "programs", "the name " + program + " is ambiguous: both [program:"
                            + program + "] and [fcgi-program:" + program + "] exist");
                }
                String member = isProgram ? ps : fs;
                claimed.add(member);
                members.addAll(processes.read(member, name));
            }
            groups.add(new ProcessGroupConfig(name, priority, members));
        }
        for (String section : all) {
            if (!section.startsWith("program:") || claimed.contains(section)) {
                continue;
            }
            String name = r.convert(section, null, section.split(":", 2)[1], Values::processOrGroupName);
            int priority = integer(section, "priority", "999");
            groups.add(new ProcessGroupConfig(name, priority, processes.read(section, name)));
        }
        for (String section : all) {
            if (section.startsWith("eventlistener:")) {
                groups.add(eventListenerPool(section));
            }
        }
        for (String section : all) {
            if (section.startsWith("fcgi-program:") && !claimed.contains(section)) {
                groups.add(new FcgiSectionReader(r, hereOnly).read(section, processes));
            }
        }
        groups.sort(Comparator.comparingInt(GroupConfig::priority).thenComparing(GroupConfig::name));
        return groups;
    }

    private EventListenerPoolConfig eventListenerPool(String section) throws ConfigException {
        String name = section.split(":", 2)[1];
        int priority = integer(section, "priority", "-1");
        int bufferSize = integer(section, "buffer_size", "10");
        if (bufferSize < 1) {
            throw r.error(section, "buffer_size", "must be 1 or more, not " + bufferSize);
        }
        String handler = r.get(section, "result_handler", LoadContext.DEFAULT_RESULT_HANDLER, hereOnly);
        if (!r.ctx.resultHandlers().contains(handler)) {
            throw r.error(section, "result_handler", "unknown result handler " + handler + " (jsupervisor knows "
                    + String.join(", ", r.ctx.resultHandlers().stream().sorted().toList()) + ")");
        }
        Set<String> events = new LinkedHashSet<>();
        for (String e : Values.listOfStrings(r.get(section, "events", "", hereOnly))) {
            events.add(e.toUpperCase(Locale.ROOT));
        }
        if (events.isEmpty()) {
            throw r.error(section, "events", "an event listener needs an events line naming what it receives");
        }
        for (String e : events) {
            if (!EVENT_TYPES.contains(e)) {
                throw r.error(section, "events", "unknown event type " + e);
            }
        }
        boolean redirect = r.convert(section, "redirect_stderr",
                r.get(section, "redirect_stderr", "false", hereOnly), Values::bool);
        if (redirect) {
            throw r.error(section, "redirect_stderr", "must be false for an event listener: its output carries"
                    + " the event protocol, which stderr would corrupt");
        }
        List<ProcessConfig> procs = processes.read(section, name);
        return new EventListenerPoolConfig(name, priority, procs, bufferSize, List.copyOf(events), handler);
    }

    private int integer(String section, String key, String dflt) throws ConfigException {
        return r.convert(section, key, r.get(section, key, dflt, hereOnly), Values::integer);
    }

    static Optional<Integer> opt(int v) {
        return v < 0 ? Optional.empty() : Optional.of(v);
    }
}
