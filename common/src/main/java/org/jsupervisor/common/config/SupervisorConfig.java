package org.jsupervisor.common.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A whole parsed configuration file, includes resolved. The engine, the HTTP servers and
 * supervisorctl read this; nothing in it changes after parsing.
 *
 * @param file   the main configuration file that was read
 * @param groups every process group, sorted by priority then name as Supervisor sorts them
 */
public record SupervisorConfig(
        Path file,
        SupervisordSection supervisord,
        Optional<UnixHttpServerConfig> unixHttpServer,
        Optional<InetHttpServerConfig> inetHttpServer,
        SupervisorctlSection supervisorctl,
        List<RpcInterfaceConfig> rpcInterfaces,
        List<GroupConfig> groups) {
    public SupervisorConfig {
        rpcInterfaces = List.copyOf(rpcInterfaces);
        groups = List.copyOf(groups);
    }

    public Optional<GroupConfig> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
