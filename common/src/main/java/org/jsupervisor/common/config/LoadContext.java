package org.jsupervisor.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Everything outside the file that a load depends on, passed in rather than read from
 * globals so that tests (and the reference comparison) control it.
 *
 * @param environment           the process environment: {@code %(ENV_X)s}, {@code ~} (HOME)
 *                              and the default {@code childlogdir} (TMPDIR) come from here
 * @param hostname              {@code %(host_node_name)s}
 * @param cwd                   relative paths (logfile, pidfile, socket file) are resolved
 *                              against this, as Supervisor resolves them against its cwd
 * @param uid                   the uid the daemon runs as (fcgi socket ownership default)
 * @param users                 user and group lookups ({@link UserDatabase#system()} by default)
 * @param rpcInterfaceFactories the {@code supervisor.rpcinterface_factory} values accepted;
 *                              anything else is refused
 * @param resultHandlers        the eventlistener {@code result_handler} values accepted
 * @param ctlPluginFactories    the {@code [ctlplugin:x]} {@code supervisor.ctl_factory} values
 *                              supervisorctl accepts (none by default: any such section is
 *                              refused, as Supervisor refuses one it cannot import)
 */
public record LoadContext(
        Map<String, String> environment,
        String hostname,
        Path cwd,
        int uid,
        UserDatabase users,
        Set<String> rpcInterfaceFactories,
        Set<String> resultHandlers,
        Set<String> ctlPluginFactories) {

    /** The factory every Supervisor configuration names for the main XML-RPC interface. */
    public static final String MAIN_RPC_FACTORY = "supervisor.rpcinterface:make_main_rpcinterface";
    /** The only event-listener result handler Supervisor ships. */
    public static final String DEFAULT_RESULT_HANDLER = "supervisor.dispatchers:default_handler";

    public LoadContext {
        environment = Map.copyOf(environment);
        cwd = cwd.toAbsolutePath().normalize();
        rpcInterfaceFactories = Set.copyOf(rpcInterfaceFactories);
        resultHandlers = Set.copyOf(resultHandlers);
        ctlPluginFactories = Set.copyOf(ctlPluginFactories);
    }

    /** The original shape, without supervisorctl plugins. */
    public LoadContext(Map<String, String> environment, String hostname, Path cwd, int uid, UserDatabase users,
            Set<String> rpcInterfaceFactories, Set<String> resultHandlers) {
        this(environment, hostname, cwd, uid, users, rpcInterfaceFactories, resultHandlers, Set.of());
    }

    /** This process's environment, host name, working directory and uid. */
    public static LoadContext system() {
        return new LoadContext(System.getenv(), systemHostname(), Path.of("").toAbsolutePath(),
                systemUid(), UserDatabase.system(), Set.of(MAIN_RPC_FACTORY), Set.of(DEFAULT_RESULT_HANDLER), Set.of());
    }

    public LoadContext withEnvironment(Map<String, String> env) {
        return new LoadContext(env, hostname, cwd, uid, users, rpcInterfaceFactories, resultHandlers, ctlPluginFactories);
    }

    public LoadContext withHostname(String name) {
        return new LoadContext(environment, name, cwd, uid, users, rpcInterfaceFactories, resultHandlers, ctlPluginFactories);
    }

    public LoadContext withCwd(Path dir) {
        return new LoadContext(environment, hostname, dir, uid, users, rpcInterfaceFactories, resultHandlers, ctlPluginFactories);
    }

    public LoadContext withUid(int newUid) {
        return new LoadContext(environment, hostname, cwd, newUid, users, rpcInterfaceFactories, resultHandlers, ctlPluginFactories);
    }

    public LoadContext withUsers(UserDatabase db) {
        return new LoadContext(environment, hostname, cwd, uid, db, rpcInterfaceFactories, resultHandlers, ctlPluginFactories);
    }

    /** Accepts more {@code [rpcinterface:x]} factories (a hook for Java extensions). */
    public LoadContext withRpcInterfaceFactories(Set<String> factories) {
        return new LoadContext(environment, hostname, cwd, uid, users, factories, resultHandlers, ctlPluginFactories);
    }

    public LoadContext withResultHandlers(Set<String> handlers) {
        return new LoadContext(environment, hostname, cwd, uid, users, rpcInterfaceFactories, handlers, ctlPluginFactories);
    }

    /** Accepts {@code [ctlplugin:x]} sections naming these factories. */
    public LoadContext withCtlPluginFactories(Set<String> factories) {
        return new LoadContext(environment, hostname, cwd, uid, users, rpcInterfaceFactories, resultHandlers, factories);
    }

    /** Python's {@code platform.node()}: the kernel's node name. */
    static String systemHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                return "localhost";
            }
        }
    }

    static int systemUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }
}
