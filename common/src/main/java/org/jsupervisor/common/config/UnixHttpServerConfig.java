package org.jsupervisor.common.config;

import java.util.Optional;

/** {@code [unix_http_server]}: socket path, its mode, optional owner, optional credentials. */
public record UnixHttpServerConfig(
        String file,
        int chmod,
        Optional<Integer> chownUid,
        Optional<Integer> chownGid,
        Optional<String> username,
        Optional<String> password) implements HttpServerConfig {
}
