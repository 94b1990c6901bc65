package org.jsupervisor.common.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole parsed configuration file, includes resolved. The engine, the HTTP servers and
 * supervisorctl read this; nothing in it changes after parsing.
 *
 * @param file           the main configuration file that was read
 * @param unixHttpServer the first {@code [unix_http_server*]} section, if any
 * @param inetHttpServer the first {@code [inet_http_server*]} section, if any
 * @param groups         every process group, sorted by priority then name as Supervisor sorts them
 * @param httpServers    every HTTP server section, inet ones first, as Supervisor opens them
 *                       (Supervisor accepts several, e.g. {@code [inet_http_server:second]})
 * @param parseWarnings  what Supervisor logs as warnings after parsing (deprecated keys, includes
 *                       that matched nothing, AUTO logs without rotation)
 * @param parseInfos     what Supervisor logs at info level after parsing (each included file)
 */
public record SupervisorConfig(
        Path file,
        SupervisordSection supervisord,
        Optional<UnixHttpServerConfig> unixHttpServer,
        Optional<InetHttpServerConfig> inetHttpServer,
        SupervisorctlSection supervisorctl,
        List<RpcInterfaceConfig> rpcInterfaces,
        List<GroupConfig> groups,
        List<HttpServerConfig> httpServers,
        List<String> parseWarnings,
        List<String> parseInfos) {
    public SupervisorConfig {
        rpcInterfaces = List.copyOf(rpcInterfaces);
        groups = List.copyOf(groups);
        httpServers = List.copyOf(httpServers);
        parseWarnings = List.copyOf(parseWarnings);
        parseInfos = List.copyOf(parseInfos);
    }

    /** The original shape: servers taken from the two optionals, no parse messages. */
    public SupervisorConfig(Path file, SupervisordSection supervisord, Optional<UnixHttpServerConfig> unixHttpServer,
            Optional<InetHttpServerConfig> inetHttpServer, SupervisorctlSection supervisorctl,
            List<RpcInterfaceConfig> rpcInterfaces, List<GroupConfig> groups) {
        this(file, supervisord, unixHttpServer, inetHttpServer, supervisorctl, rpcInterfaces, groups,
                servers(inetHttpServer, unixHttpServer), List.of(), List.of());
    }

    private static List<HttpServerConfig> servers(Optional<InetHttpServerConfig> inet,
            Optional<UnixHttpServerConfig> unix) {
        List<HttpServerConfig> out = new ArrayList<>();
        inet.ifPresent(out::add);
        unix.ifPresent(out::add);
        return out;
    }

    public Optional<GroupConfig> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /**
     * The URL children get in {@code SUPERVISOR_SERVER_URL} when their {@code serverurl} is
     * AUTO: the first unix socket, else the first inet server ({@code localhost} for all
     * interfaces; the last one, as Supervisor picks it), else empty.
     */
    public Optional<String> defaultServerUrl() {
        for (HttpServerConfig s : httpServers) {
            if (s instanceof UnixHttpServerConfig u) {
                return Optional.of("unix://" + u.file());
            }
        }
        Optional<String> url = Optional.empty();
        for (HttpServerConfig s : httpServers) {
            if (s instanceof InetHttpServerConfig i) {
                // Supervisor's loop has no break here: the last inet server wins
                url = Optional.of("http://" + (i.host().isEmpty() ? "localhost" : i.host()) + ":" + i.port());
            }
        }
        return url;
    }
}
