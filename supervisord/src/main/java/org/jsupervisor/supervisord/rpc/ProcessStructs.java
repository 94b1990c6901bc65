package org.jsupervisor.supervisord.rpc;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jsupervisor.common.config.GroupConfig;
import org.jsupervisor.common.config.LogTarget;
import org.jsupervisor.common.config.ProcessConfig;
import org.jsupervisor.common.config.StreamLogConfig;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.engine.GroupInfo;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.Posix;
import org.jsupervisor.supervisord.engine.ProcessInfo;

/**
 * The structs of {@code getProcessInfo}, {@code getAllProcessInfo} and
 * {@code getAllConfigInfo}, with Supervisor's keys, key order and value types.
 */
final class ProcessStructs {
    private ProcessStructs() {
    }

    static Map<String, Object> info(ProcessInfo p, ZoneId zone) {
        long start = p.start().getEpochSecond();
        long stop = p.stop().getEpochSecond();
        long now = p.now().getEpochSecond();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("group", p.group());
        m.put("start", PyArgs.capped(start));
        m.put("stop", PyArgs.capped(stop));
        m.put("now", PyArgs.capped(now));
        m.put("state", p.state().code());
        m.put("statename", p.state().name());
        m.put("spawnerr", nullToEmpty(p.spawnerr()));
        m.put("exitstatus", p.exitstatus());
        m.put("logfile", nullToEmpty(p.stdoutLogfile()));
        m.put("stdout_logfile", nullToEmpty(p.stdoutLogfile()));
        m.put("stderr_logfile", nullToEmpty(p.stderrLogfile()));
        m.put("pid", PyArgs.capped(p.pid()));
        m.put("description", Descriptions.describe(p.state(), p.pid(), PyArgs.capped(start), PyArgs.capped(stop),
                PyArgs.capped(now), p.spawnerr(), p.name(), zone));
        return m;
    }

    /** Every active process, groups and processes in name order (as getAllProcessInfo lists them). */
    static List<ProcessInfo> lexical(List<GroupInfo> groups) {
        List<ProcessInfo> out = new ArrayList<>();
        groups.stream().sorted(Comparator.comparing(GroupInfo::name)).forEach(g -> g.processes().stream()
                .sorted(Comparator.comparing(ProcessInfo::name)).forEach(out::add));
        return out;
    }

    /** Every active process in priority order (groups, then processes within). */
    static List<ProcessInfo> byPriority(List<GroupInfo> groups) {
        List<ProcessInfo> out = new ArrayList<>();
        groups.forEach(g -> out.addAll(g.processes()));
        return out;
    }

    static List<Map<String, Object>> configInfo(Engine engine) {
        List<GroupInfo> active = engine.groups();
        Set<String> inUse = active.stream().map(GroupInfo::name).collect(Collectors.toSet());
        List<Map<String, Object>> out = new ArrayList<>();
        for (GroupConfig g : engine.config().groups()) {
            for (ProcessConfig pc : g.processes()) {
                // Supervisor resolves AUTO log names in the configuration objects it activates
                // and keeps them there, in use or not, until a reread; the engine remembers them.
                out.add(configStruct(g, pc, inUse.contains(g.name()),
                        engine.autoLogfile(pc, OutputChannel.STDOUT), engine.autoLogfile(pc, OutputChannel.STDERR)));
            }
        }
        out.sort(Comparator.comparing(m -> (String) m.get("name")));
        return out;
    }

    private static Map<String, Object> configStruct(GroupConfig g, ProcessConfig pc, boolean inUse,
            Optional<String> stdoutAuto, Optional<String> stderrAuto) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("autostart", pc.autostart());
        d.put("directory", pc.directory().orElse("none"));
        d.put("uid", pc.user().flatMap(ProcessStructs::uidOf).<Object>map(u -> u).orElse("none"));
        d.put("command", pc.command());
        d.put("exitcodes", new ArrayList<Object>(pc.sortedExitcodes()));
        d.put("group", g.name());
        d.put("group_prio", g.priority());
        d.put("inuse", inUse);
        d.put("killasgroup", pc.killasgroup());
        d.put("name", pc.name());
        d.put("process_prio", pc.priority());
        d.put("redirect_stderr", pc.redirectStderr());
        d.put("startretries", pc.startretries());
        d.put("startsecs", pc.startsecs());
        stream(d, "stdout", pc.stdout(), stdoutAuto);
        d.put("stopsignal", pc.stopsignal().number());
        d.put("stopwaitsecs", pc.stopwaitsecs());
        stream(d, "stderr", pc.stderr(), stderrAuto);
        d.put("serverurl", pc.serverUrl().orElse("none"));
        return d;
    }

    private static void stream(Map<String, Object> d, String ch, StreamLogConfig s, Optional<String> autoName) {
        d.put(ch + "_capture_maxbytes", PyArgs.capped(s.captureMaxBytes()));
        d.put(ch + "_events_enabled", s.eventsEnabled());
        d.put(ch + "_logfile", logfileName(s.target(), autoName));
        d.put(ch + "_logfile_backups", s.backups());
        d.put(ch + "_logfile_maxbytes", PyArgs.capped(s.maxBytes()));
        d.put(ch + "_syslog", s.syslog());
    }

    private static String logfileName(LogTarget target, Optional<String> autoName) {
        if (target instanceof LogTarget.File f) {
            return f.path();
        }
        return target instanceof LogTarget.Auto ? autoName.orElse("auto") : "none";
    }

    /** The numeric uid of a {@code user} value: a number, or a name looked up in the user database. */
    static Optional<Integer> uidOf(String user) {
        if (user.matches("\\d+")) {
            return Optional.of(Integer.parseInt(user));
        }
        return Posix.lookupUser(user).map(Posix.User::uid);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
