package org.jsupervisor.supervisord.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A short directory under /tmp for tests that talk to both HTTP servers: a free TCP port
 * where {@code user}/{@code s3cret} logs in, and a unix socket where {@code local}/{@code pw}
 * does, which supervisorctl uses by default. Closing deletes the directory.
 */
final class BothServers implements AutoCloseable {
    final Path dir;
    final Path sock;
    final int port;

    BothServers(String prefix) throws IOException {
        dir = Clients.shortTempDir(prefix);
        sock = dir.resolve("s.sock");
        port = Clients.freePort();
    }

    /**
     * The two server sections, the [supervisorctl] one and Supervisor's RPC interface;
     * {@code unixExtras} are more keys of the unix server.
     */
    String sections(String... unixExtras) {
        List<String> lines = new ArrayList<>(List.of("[inet_http_server]",
                "port=127.0.0.1:" + port,
                "username=user",
                "password={SHA}" + Credentials.sha1Hex("s3cret"),
                "[unix_http_server]",
                "file=" + sock));
        lines.addAll(List.of(unixExtras));
        lines.addAll(List.of("username=local",
                "password=pw",
                "[supervisorctl]",
                "serverurl=unix://" + sock,
                "username=local",
                "password=pw",
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                ""));
        return String.join("\n", lines);
    }

    @Override
    public void close() throws IOException {
        Clients.deleteTree(dir);
    }
}
