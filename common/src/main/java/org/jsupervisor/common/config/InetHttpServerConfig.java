package org.jsupervisor.common.config;

import java.util.Optional;

/** {@code [inet_http_server]}; an empty host (from {@code *:port} or {@code :port}) means all interfaces. */
public record InetHttpServerConfig(String host, int port, Optional<String> username, Optional<String> password)
        implements HttpServerConfig {
}
