package org.jsupervisor.supervisord.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A short directory under /tmp for a test class that talks to both HTTP servers: a free TCP
 * port where {@code user}/{@code s3cret} logs in, and a unix socket where {@code local}/{@code pw}
 * does, which supervisorctl uses by default. Registered as a static extension of a test
 * class: before the class's own {@code @BeforeAll} methods it makes the directory and runs the
 * class's {@link Starter} (which writes {@link #conf} and starts a server on it); after its
 * {@code @AfterAll} methods it stops that server and deletes the directory.
 *
 * <p>The fields are set once, before any of the class's own methods run.
 */
final class BothServers implements BeforeAllCallback, AfterAllCallback {
    /** Writes the configuration and starts the server on it; closing what it returns stops the server. */
    interface Starter {
        AutoCloseable start(BothServers servers) throws Exception;
    }

    private final String prefix;
    private final Path client;
    private final Starter starter;
    private AutoCloseable running;
    Path dir;
    Path sock;
    Path conf;
    int port;

    /** {@code client} is what the tests drive the servers with; without it they are skipped. */
    BothServers(String prefix, Path client, Starter starter) {
        this.prefix = prefix;
        this.client = client;
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(Files.isExecutable(client), client.getFileName() + " missing");
        dir = Clients.shortTempDir(prefix);
        sock = dir.resolve("s.sock");
        conf = dir.resolve("supervisord.conf");
        port = Clients.freePort();
        running = starter.start(this);
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
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (running != null) {
                running.close();
            }
        } finally {
            Clients.deleteTree(dir);
        }
    }
}
