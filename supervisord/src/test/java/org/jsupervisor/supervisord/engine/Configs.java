package org.jsupervisor.supervisord.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsupervisor.common.Signal;
import org.jsupervisor.common.config.AutoRestart;
import org.jsupervisor.common.config.GroupConfig;
import org.jsupervisor.common.config.LogLevel;
import org.jsupervisor.common.config.LogTarget;
import org.jsupervisor.common.config.ProcessConfig;
import org.jsupervisor.common.config.ProcessGroupConfig;
import org.jsupervisor.common.config.StreamLogConfig;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.common.config.SupervisorctlSection;
import org.jsupervisor.common.config.SupervisordSection;

/** Builds configuration records for tests, without the parser. */
final class Configs {
    private Configs() {
    }

    static final class Program {
        String name;
        String command;
        Map<String, String> env = new LinkedHashMap<>();
        Optional<String> directory = Optional.empty();
        Optional<Integer> umask = Optional.empty();
        Optional<String> user = Optional.empty();
        int priority = 999;
        boolean autostart = true;
        AutoRestart autorestart = AutoRestart.UNEXPECTED;
        int startsecs = 1;
        int startretries = 3;
        Signal stopsignal = Signal.TERM;
        int stopwaitsecs = 10;
        boolean stopasgroup;
        boolean killasgroup;
        Set<Integer> exitcodes = Set.of(0);
        boolean redirectStderr;
        LogTarget stdout = LogTarget.AUTO;
        LogTarget stderr = LogTarget.AUTO;
        long maxBytes = 50L * 1024 * 1024;
        long captureMaxBytes;
        boolean eventsEnabled;
        int backups = 10;

        Program(String name, String command) {
            this.name = name;
            this.command = command;
        }

        Program startsecs(int s) { startsecs = s; return this; }
        Program startretries(int s) { startretries = s; return this; }
        Program autostart(boolean b) { autostart = b; return this; }
        Program autorestart(AutoRestart a) { autorestart = a; return this; }
        Program exitcodes(Integer... c) { exitcodes = Set.of(c); return this; }
        Program stopsignal(Signal s) { stopsignal = s; return this; }
        Program stopwaitsecs(int s) { stopwaitsecs = s; return this; }
        Program stopasgroup(boolean b) { stopasgroup = b; killasgroup = b; return this; }
        Program killasgroup(boolean b) { killasgroup = b; return this; }
        Program priority(int p) { priority = p; return this; }
        Program env(String k, String v) { env.put(k, v); return this; }
        Program directory(String d) { directory = Optional.of(d); return this; }
        Program user(String u) { user = Optional.of(u); return this; }
        Program umask(int u) { umask = Optional.of(u); return this; }
        Program redirectStderr(boolean b) { redirectStderr = b; return this; }
        Program stdout(LogTarget t) { stdout = t; return this; }
        Program stderr(LogTarget t) { stderr = t; return this; }
        Program rotate(long max, int b) { maxBytes = max; backups = b; return this; }
        Program capture(long max) { captureMaxBytes = max; return this; }
        Program events(boolean e) { eventsEnabled = e; return this; }

        ProcessConfig build() {
            return new ProcessConfig(name, command, env, directory, umask, user, priority, autostart, autorestart,
                    startsecs, startretries, stopsignal, stopwaitsecs, stopasgroup, killasgroup, exitcodes,
                    redirectStderr, new StreamLogConfig(stdout, maxBytes, backups, captureMaxBytes, eventsEnabled, false),
                    new StreamLogConfig(stderr, maxBytes, backups, 0, false, false), Optional.empty());
        }

        GroupConfig group() {
            return new ProcessGroupConfig(name, priority, List.of(build()));
        }
    }

    static Program program(String name, String command) {
        return new Program(name, command);
    }

    static SupervisorConfig config(Path dir, GroupConfig... groups) {
        return config(dir, List.of(groups));
    }

    static SupervisorConfig config(Path dir, List<GroupConfig> groups) {
        SupervisordSection s = new SupervisordSection(dir.resolve("supervisord.log").toString(), 50L * 1024 * 1024, 10,
                LogLevel.INFO, dir.resolve("supervisord.pid").toString(), 022, true, false, 1024, 200, false,
                dir.toString(), Optional.empty(), Optional.empty(), false, Map.of(), "supervisor");
        List<GroupConfig> sorted = new ArrayList<>(groups);
        return new SupervisorConfig(dir.resolve("supervisord.conf"), s, Optional.empty(), Optional.empty(),
                new SupervisorctlSection("http://localhost:9001", Optional.empty(), Optional.empty(), "supervisor",
                        Optional.empty()),
                List.of(), sorted);
    }
}
