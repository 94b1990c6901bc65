package org.jsupervisor.common.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsupervisor.common.Signal;

/**
 * Turns one {@code [program:x]}, {@code [eventlistener:x]} or {@code [fcgi-program:x]}
 * section into its {@code numprocs} {@link ProcessConfig}s, with Supervisor's defaults, checks
 * and expansion rules. Which keys see which {@code %(name)s} names follows Supervisor exactly:
 * keys read before the per-process loop (priority, autostart, user, umask, ...) know
 * {@code here}, {@code program_name}, {@code group_name}, {@code host_node_name} and the
 * {@code ENV_} names; {@code environment}, {@code directory}, the log keys and
 * {@code command} also know {@code process_num}, {@code numprocs} and the program's own
 * environment; {@code process_name} is expanded once at the end.
 */
final class ProcessSectionReader {
    private final SectionReader r;
    private final String here;
    private final List<String> warnings;

    ProcessSectionReader(SectionReader r, String here, List<String> warnings) {
        this.r = r;
        this.here = here;
        this.warnings = warnings;
    }

    List<ProcessConfig> read(String section, String groupName) throws ConfigException {
        LoadContext ctx = r.ctx;
        String programName = r.convert(section, null, section.split(":", 2)[1], Values::processOrGroupName);
        // One mutable map, as in Supervisor: the per-process names added in the loop stay visible.
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("here", here);
        common.put("program_name", programName);
        common.put("host_node_name", ctx.hostname());
        common.put("group_name", groupName);

        int priority = r.convert(section, "priority", get(section, "priority", "999", common), Values::integer);
        boolean autostart = bool(section, "autostart", "true", common);
        AutoRestart autorestart = r.convert(section, "autorestart",
                get(section, "autorestart", "unexpected", common), Values::autoRestart);
        int startsecs = r.convert(section, "startsecs", get(section, "startsecs", "1", common), Values::integer);
        int startretries = r.convert(section, "startretries", get(section, "startretries", "3", common),
                Values::integer);
        Signal stopsignal = r.convert(section, "stopsignal", get(section, "stopsignal", "TERM", common),
                Values::signal);
        int stopwaitsecs = r.convert(section, "stopwaitsecs", get(section, "stopwaitsecs", "10", common),
                Values::integer);
        boolean stopasgroup = bool(section, "stopasgroup", "false", common);
        boolean killasgroup = bool(section, "killasgroup", Boolean.toString(stopasgroup), common);
        List<Integer> exitcodes = r.convert(section, "exitcodes", get(section, "exitcodes", "0", common),
                Values::exitcodes);
        boolean redirectStderr = bool(section, "redirect_stderr", "false", common);
        int numprocs = r.convert(section, "numprocs", get(section, "numprocs", "1", common), Values::integer);
        int numprocsStart = r.convert(section, "numprocs_start", get(section, "numprocs_start", "0", common),
                Values::integer);
        String environmentText = Optional.ofNullable(r.raw(section, "environment")).orElse("");
        long stdoutCapture = r.convert(section, "stdout_capture_maxbytes",
                get(section, "stdout_capture_maxbytes", "0", common), Values::byteSize);
        boolean stdoutEvents = bool(section, "stdout_events_enabled", "false", common);
        long stderrCapture = r.convert(section, "stderr_capture_maxbytes",
                get(section, "stderr_capture_maxbytes", "0", common), Values::byteSize);
        boolean stderrEvents = bool(section, "stderr_events_enabled", "false", common);
        String serverurl = get(section, "serverurl", null, common);
        if (serverurl != null && (serverurl.isEmpty() || serverurl.strip().toUpperCase(Locale.ROOT).equals("AUTO"))) {
            serverurl = null;
        }
        String user = get(section, "user", null, common);
        if (user != null) {
            r.convert(section, "user", user, u -> Values.nameToUid(u, ctx.users()));
        }
        String umaskText = get(section, "umask", null, common);
        Integer umask = umaskText == null ? null : r.convert(section, "umask", umaskText, Values::octal);
        String processName = r.convert(section, "process_name",
                Optional.ofNullable(r.raw(section, "process_name")).orElse("%(program_name)s"),
                Values::processOrGroupName);
        if (numprocs > 1 && !processName.contains("%(process_num)")) {
            throw r.error(section, "process_name",
                    "must contain %(process_num) when numprocs is more than 1, so that the names differ");
        }
        if (stopasgroup && !killasgroup) {
            throw r.error(section, "killasgroup", "cannot be false when stopasgroup is true");
        }

        List<ProcessConfig> out = new ArrayList<>();
        for (long num = numprocsStart; num < (long) numprocs + numprocsStart; num++) {
            common.put("process_num", (int) num);
            common.put("numprocs", numprocs);
            common.putAll(r.envExpansions);
            Map<String, String> environment = r.convert(section, "environment",
                    r.expand(environmentText, common, section, "environment"), KeyValueLexer::pairs);
            environment.forEach((k, v) -> common.put("ENV_" + k, v));
            String directory = get(section, "directory", null, common);
            StreamLogConfig stdout = streamLog(section, "stdout", common, stdoutCapture, stdoutEvents);
            StreamLogConfig stderr = streamLog(section, "stderr", common, stderrCapture, stderrEvents);
            if (redirectStderr) {
                if (namesAFile(section, common)) {
                    warnings.add("For [" + section + "], redirect_stderr=true but stderr_logfile has also been set"
                            + " to a filename, the filename has been ignored");
                }
                stderr = new StreamLogConfig(LogTarget.NONE, stderr.maxBytes(), stderr.backups(),
                        stderr.captureMaxBytes(), stderr.eventsEnabled(), stderr.syslog());
            }
            String command = get(section, "command", null, common);
            if (command == null) {
                throw r.error(section, "command", "the section has no command");
            }
            String name = r.expand(processName, common, section, "process_name");
            out.add(new ProcessConfig(name, command, environment, Optional.ofNullable(directory),
                    Optional.ofNullable(umask), Optional.ofNullable(user), priority, autostart, autorestart,
                    startsecs, startretries, stopsignal, stopwaitsecs, stopasgroup, killasgroup,
                    new LinkedHashSet<>(exitcodes), redirectStderr, stdout, stderr, Optional.ofNullable(serverurl)));
        }
        out.sort(Comparator.comparing(ProcessConfig::name));
        return out;
    }

    private StreamLogConfig streamLog(String section, String stream, Map<String, Object> names,
            long captureMaxBytes, boolean events) throws ConfigException {
        String lfKey = stream + "_logfile";
        String lf = get(section, lfKey, null, names);
        LogTarget target = LogTarget.AUTO;
        boolean auto = true;
        if (lf != null) {
            lf = r.expand(lf, names, section, lfKey);
            String lower = lf.toLowerCase(Locale.ROOT);
            if (lower.equals("none") || lower.equals("off")) {
                target = LogTarget.NONE;
                auto = false;
            } else if (lower.equals("auto")) {
                target = LogTarget.AUTO;
            } else if (lower.equals("syslog")) {
                target = null;
                auto = false;
            } else if (lf.isEmpty()) {
                // Supervisor keeps '' as the name, and then opens no file: the same as NONE
                target = LogTarget.NONE;
                auto = false;
            } else {
                String path = r.convert(section, lfKey, lf, v -> Values.existingDirpath(v, r.ctx));
                target = new LogTarget.File(Values.normalizePath(path, r.ctx));
                auto = false;
            }
        }
        int backups = r.convert(section, stream + "_logfile_backups",
                get(section, stream + "_logfile_backups", "10", names), Values::integer);
        long maxbytes = r.convert(section, stream + "_logfile_maxbytes",
                get(section, stream + "_logfile_maxbytes", "50MB", names), Values::byteSize);
        boolean syslog = bool(section, stream + "_syslog", "false", names);
        if (target == null) {
            warnings.add("For [" + section + "], " + lfKey + "=syslog but this is deprecated and will be removed."
                    + "  Use " + stream + "_syslog=true to enable syslog instead.");
            target = LogTarget.NONE;
            syslog = true;
        }
        if (auto && maxbytes == 0) {
            warnings.add("For [" + section + "], AUTO logging used for " + lfKey + " without rollover,"
                    + " set maxbytes > 0 to avoid filling up filesystem unintentionally");
        }
        return new StreamLogConfig(target, maxbytes, backups, captureMaxBytes, events, syslog);
    }

    /** Whether stderr_logfile names a file (anything but AUTO, NONE, OFF, syslog or unset). */
    private boolean namesAFile(String section, Map<String, Object> names) throws ConfigException {
        String lf = get(section, "stderr_logfile", null, names);
        if (lf == null) {
            return false;
        }
        String lower = r.expand(lf, names, section, "stderr_logfile").toLowerCase(Locale.ROOT);
        return !List.of("auto", "none", "off", "syslog").contains(lower);
    }

    private String get(String section, String key, String dflt, Map<String, Object> names) throws ConfigException {
        return r.get(section, key, dflt, names);
    }

    private boolean bool(String section, String key, String dflt, Map<String, Object> names)
            throws ConfigException {
        return r.convert(section, key, get(section, key, dflt, names), Values::bool);
    }
}
