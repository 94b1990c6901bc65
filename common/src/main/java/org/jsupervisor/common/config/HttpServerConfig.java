package org.jsupervisor.common.config;

import java.util.Optional;

/** An {@code [inet_http_server]} or {@code [unix_http_server]} section. */
public sealed interface HttpServerConfig permits InetHttpServerConfig, UnixHttpServerConfig {
    Optional<String> username();

    /** Plain text, or {@code {SHA}} followed by the hex SHA-1 of the password. */
    Optional<String> password();
}
