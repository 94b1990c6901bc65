package org.jsupervisor.supervisord.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsupervisor.common.PyRepr;
import org.jsupervisor.common.config.ProcessConfig;
import org.jsupervisor.common.config.SupervisorConfig;

/** What a spawn hands the launcher (the child's environment and exec specification), and what a failed spawn reports. */
final class ChildSpecs {
    private ChildSpecs() {
    }

    /**
     * What Supervisor's forked child would do before exec, checked here; a failure becomes a
     * tiny child that reports it on stderr and exits 127, exactly what Supervisor's log,
     * states and stderr log show for a bad user or directory.
     */
    static Launcher.Spec spec(ProcessConfig config, ExecResolver.Resolved exec, Map<String, String> env) {
        Optional<Posix.User> user = Optional.empty();
        String failure = null;
        if (config.user().isPresent()) {
            String u = config.user().get();
            Optional<Posix.User> found = Posix.lookupUser(u);
            if (found.isEmpty()) {
                failure = "couldn't setuid to " + u + ": Can't find username " + PyRepr.of(u);
            } else if (found.get().uid() != Posix.uid()) {
                if (Posix.uid() != 0) {
                    failure = "couldn't setuid to " + found.get().uid() + ": Can't drop privilege as nonroot user";
                } else {
                    user = found;
                }
            }
        }
        // With a user switch the directory is checked by the child after the switch, as the user
        // (see PosixSpawnLauncher): Supervisor's child changes user first, then directory.
        if (failure == null && user.isEmpty() && config.directory().isPresent()) {
            String dir = config.directory().get();
            Path p = Path.of(dir);
            String errno = null;
            if (!Files.exists(p)) {
                errno = "ENOENT";
            } else if (!Files.isDirectory(p)) {
                errno = "ENOTDIR";
            } else if (!Files.isExecutable(p)) {
                errno = "EACCES";
            }
            if (errno != null) {
                failure = "couldn't chdir to " + dir + ": " + errno;
            }
        }
        if (failure != null) {
            return new Launcher.Spec("/bin/sh", failureReport(failure), env, Optional.empty(), Optional.empty(),
                    Optional.empty(), config.redirectStderr());
        }
        return new Launcher.Spec(exec.filename(), exec.argv(), env, config.directory(), config.umask(), user,
                config.redirectStderr());
    }

    /**
     * The argv of a child that stands in for one that could not be started as configured: it
     * writes what Supervisor's forked child writes on stderr in that case and exits 127.
     */
    static List<String> failureReport(String why) {
        return List.of("/bin/sh", "-c",
                "printf '%s\\n' \"$1\" 'supervisor: child process was not spawned' >&2; exit 127", "sh",
                "supervisor: " + why);
    }

    /** The child's environment, layered as Supervisor layers it. */
    static Map<String, String> environment(ProcessConfig config, ProcessId id, Map<String, String> base,
            Optional<String> daemonUrl) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put("SUPERVISOR_ENABLED", "1");
        Optional<String> url = config.serverUrl().filter(u -> !u.isBlank() && !u.trim().equalsIgnoreCase("AUTO"));
        if (url.isEmpty()) {
            url = daemonUrl;
        }
        url.ifPresent(u -> env.put("SUPERVISOR_SERVER_URL", u));
        env.put("SUPERVISOR_PROCESS_NAME", config.name());
        env.put("SUPERVISOR_GROUP_NAME", id.group());
        env.putAll(config.environment());
        return env;
    }

    /** What children inherit of the daemon's environment: all but what the launcher added. */
    static Map<String, String> inheritedEnvironment(Map<String, String> env, String launcherAdded) {
        Map<String, String> out = new LinkedHashMap<>(env);
        for (String name : launcherAdded.split(",")) {
            out.remove(name.trim());
        }
        return out;
    }

    /** The {@code SUPERVISOR_SERVER_URL} children get: the unix socket if any, else the TCP server. */
    static Optional<String> serverUrlOf(SupervisorConfig c) {
        if (c.unixHttpServer().isPresent()) {
            return Optional.of("unix://" + c.unixHttpServer().get().file());
        }
        return c.inetHttpServer().map(i -> "http://" + (i.host().isEmpty() ? "localhost" : i.host()) + ":" + i.port());
    }

    /** Supervisor's spawnerr text for a spawn that created no process. */
    static String spawnFailure(String processname, Launcher.SpawnException e) {
        String quoted = "'" + processname + "'";
        if (e.stage() == Launcher.SpawnException.Stage.PIPES) {
            return e.errno() == LibcIo.EMFILE ? "too many open files to spawn " + quoted
                    : "unknown error making dispatchers for " + quoted + ": " + e.getMessage();
        }
        return e.errno() == LibcIo.EAGAIN ? "Too many processes in process table to spawn " + quoted
                : "unknown error during fork for " + quoted + ": " + e.getMessage();
    }
}
