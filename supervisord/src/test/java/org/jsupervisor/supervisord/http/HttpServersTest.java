package org.jsupervisor.supervisord.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.server.Handler;
import org.jsupervisor.common.config.InetHttpServerConfig;
import org.jsupervisor.common.config.UnixHttpServerConfig;
import org.jsupervisor.rpc.server.RpcReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets: the unix socket's placement and mode, stale and live sockets, busy ports. */
class HttpServersTest {
    private Path dir;
    private final List<HttpServers> started = new ArrayList<>();
    /** Main-log lines written as the servers open, as "LEVEL text". */
    private final List<String> mainLog = new ArrayList<>();
    private final StartupLog startupLog = new StartupLog() {
        @Override
        public List<String> rpcInterfaces() {
            return List.of("supervisor");
        }

        @Override
        public void info(String line) {
            mainLog.add("INFO " + line);
        }

        @Override
        public void critical(String line) {
            mainLog.add("CRIT " + line);
        }
    };
    private final List<String> notices = new ArrayList<>();

    @BeforeEach
    void shortDir() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jsv");
    }

    @AfterEach
    void cleanUp() throws IOException {
        started.forEach(HttpServers::close);
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Handler routes() {
        return routes(null);
    }

    private static Handler routes(LogTailHandler mainTail) {
        RpcEndpoint ok = body -> CompletableFuture.completedFuture(new RpcReply(200, "<ok/>".getBytes(StandardCharsets.UTF_8)));
        TailSources none = new TailSources() {
            @Override
            public Optional<Path> processLog(String namespec, String channel) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> mainLog() {
                return Optional.empty();
            }
        };
        return new Routes(new RpcHttpHandler(ok, new CsrfPolicy(t -> false), 1000), LogTailHandler.processLogs(none),
                mainTail != null ? mainTail : LogTailHandler.mainLog(none), new PlaceholderUi());
    }

    private HttpServers servers(Optional<InetHttpServerConfig> inet, Optional<UnixHttpServerConfig> unix) {
        HttpServers s = new HttpServers(inet, unix, routes(), startupLog, notices::add);
        started.add(s);
        return s;
    }

    private static UnixHttpServerConfig unix(Path file, int mode) {
        return new UnixHttpServerConfig(file.toString(), mode, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    static String get(Path socket) throws IOException {
        return send(socket, "GET / HTTP/1.0\r\n\r\n");
    }

    static String send(Path socket, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(8192);
            StringBuilder sb = new StringBuilder();
            while (ch.read(buf) > 0) {
                buf.flip();
                sb.append(StandardCharsets.UTF_8.decode(buf));
                buf.clear();
            }
            return sb.toString();
        }
    }

    @Test
    void servesTcpAndUnixSocketTogetherAndWarnsWithoutAuth() throws Exception {
        Path sock = dir.resolve("s.sock");
        HttpServers s = servers(Optional.of(new InetHttpServerConfig("127.0.0.1", 0, Optional.empty(), Optional.empty())),
                Optional.of(unix(sock, 0700)));
        s.start();
        assertThat(get(sock)).startsWith("HTTP/1.1 200");
        try (var socket = new java.net.Socket("127.0.0.1", s.inetPort())) {
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200")
                    .doesNotContain("Server: Jetty");
        }
        // Supervisor's order: per server, its RPC interfaces, then the missing-auth warning.
        assertThat(mainLog).containsExactly(
                "INFO RPC interface 'supervisor' initialized",
                "CRIT Server 'inet_http_server' running without any HTTP authentication checking",
                "INFO RPC interface 'supervisor' initialized",
                "CRIT Server 'unix_http_server' running without any HTTP authentication checking");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("s.sock");
        }
    }

    @Test
    void acceptsTheBlankHostHeaderSupervisorsOwnHttpClientSendsOverUnixSockets() throws Exception {
        Path sock = dir.resolve("h.sock");
        servers(Optional.empty(), Optional.of(unix(sock, 0700))).start();
        // What supervisorctl's tail -f sends for a unix:// server URL.
        String r = send(sock, "GET / HTTP/1.1\r\nHost: \r\nAccept-Encoding: chunked\r\nAccept: */*\r\n"
                + "User-agent: Supervisor HTTP Client\r\nConnection: close\r\n\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 200");
        assertThat(send(sock, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void stalledClientsBeyondThePoolSizeDoNotBlockOthers() throws Exception {
        HttpServers s = servers(Optional.of(new InetHttpServerConfig("127.0.0.1", 0, Optional.empty(), Optional.empty())),
                Optional.empty());
        s.start();
        List<java.net.Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < HttpServers.MAX_THREADS * 3; i++) {
                java.net.Socket c = new java.net.Socket("127.0.0.1", s.inetPort());
                // Half a request: headers promise a body that never comes, or the headers never end.
                String half = i % 2 == 0
                        ? "POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 500\r\n\r\n<methodCall>"
                        : "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ";
                c.getOutputStream().write(half.getBytes(StandardCharsets.US_ASCII));
                c.getOutputStream().flush();
                stalled.add(c);
            }
            long t0 = System.nanoTime();
            try (var socket = new java.net.Socket("127.0.0.1", s.inetPort())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write("POST /RPC2 HTTP/1.0\r\nContent-Type: text/xml\r\nContent-Length: 13\r\n\r\n<methodCall/>"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
            }
            assertThat(System.nanoTime() - t0).isLessThan(3_000_000_000L);
        } finally {
            for (java.net.Socket c : stalled) {
                c.close();
            }
        }
    }

    @Test
    void aTailWhoseClientLeftEndsEvenWhenTheLogIsQuiet() throws Exception {
        Path log = dir.resolve("main.log");
        Files.writeString(log, "quiet\n");
        LogTailHandler tail = LogTailHandler.mainLog(new TailSources() {
            @Override
            public Optional<Path> processLog(String namespec, String channel) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> mainLog() {
                return Optional.of(log);
            }
        });
        HttpServers s = new HttpServers(Optional.of(new InetHttpServerConfig("127.0.0.1", 0, Optional.empty(),
                Optional.empty())), Optional.empty(), routes(tail), startupLog, notices::add);
        started.add(s);
        s.start();
        try (var socket = new java.net.Socket("127.0.0.1", s.inetPort())) {
            socket.getOutputStream().write("GET /mainlogtail HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[4096];
            StringBuilder got = new StringBuilder();
            while (!got.toString().contains("quiet")) {
                got.append(new String(buf, 0, socket.getInputStream().read(buf), StandardCharsets.UTF_8));
            }
            assertThat(tail.activeStreams()).isEqualTo(1);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> tail.activeStreams() == 0);
    }

    @Test
    void changesTheSocketOwnerWhenRunningAsRoot() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        Path sock = dir.resolve("o.sock");
        servers(Optional.empty(), Optional.of(new UnixHttpServerConfig(sock.toString(), 0700, Optional.of(1),
                Optional.of(2), Optional.empty(), Optional.empty()))).start();
        assertThat(Files.getAttribute(sock, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1);
        assertThat(Files.getAttribute(sock, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(2);
    }

    @Test
    void appliesTheConfiguredModeToTheSocket() throws Exception {
        Path sock = dir.resolve("m.sock");
        servers(Optional.empty(), Optional.of(unix(sock, 0760))).start();
        assertThat(Files.getAttribute(sock, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0140760);
    }

    @Test
    void replacesAStaleSocketLeftByADeadDaemon() throws Exception {
        Path sock = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(sock));
        }
        assertThat(sock).exists();
        servers(Optional.empty(), Optional.of(unix(sock, 0700))).start();
        assertThat(notices).containsExactly("Unlinking stale socket " + sock);
        assertThat(get(sock)).startsWith("HTTP/1.1 200");
    }

    @Test
    void refusesToStartOnALiveSocketAndLeavesItAlone() throws Exception {
        Path sock = dir.resolve("live.sock");
        HttpServers first = servers(Optional.empty(), Optional.of(unix(sock, 0700)));
        first.start();
        HttpServers second = servers(Optional.empty(), Optional.of(unix(sock, 0700)));
        mainLog.clear();
        assertThatThrownBy(second::start).isInstanceOf(StartupRefused.class).hasMessage(StartupRefused.IN_USE);
        assertThat(mainLog).isEmpty();
        second.close();
        assertThat(get(sock)).startsWith("HTTP/1.1 200");
        first.close();
        assertThat(sock).doesNotExist();
    }

    @Test
    void refusesToStartOnABusyPortAndClosesWhatItOpened() throws Exception {
        Path sock = dir.resolve("p.sock");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            HttpServers s = servers(Optional.of(new InetHttpServerConfig("127.0.0.1", busy.getLocalPort(),
                    Optional.empty(), Optional.empty())), Optional.of(unix(sock, 0700)));
            assertThatThrownBy(s::start).isInstanceOf(StartupRefused.class).hasMessage(StartupRefused.IN_USE);
        }
        assertThat(mainLog).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void whenOnlyTheSocketIsBusyTheTcpServersLinesAreAlreadyLoggedAsInSupervisor() throws Exception {
        Path sock = dir.resolve("b.sock");
        servers(Optional.empty(), Optional.of(unix(sock, 0700))).start();
        mainLog.clear();
        HttpServers s = servers(Optional.of(new InetHttpServerConfig("127.0.0.1", 0, Optional.empty(), Optional.empty())),
                Optional.of(unix(sock, 0700)));
        assertThatThrownBy(s::start).isInstanceOf(StartupRefused.class).hasMessage(StartupRefused.IN_USE);
        assertThat(mainLog).containsExactly(
                "INFO RPC interface 'supervisor' initialized",
                "CRIT Server 'inet_http_server' running without any HTTP authentication checking");
    }

    @Test
    void refusesSocketPathsTooLongForTheKernel() {
        Path sock = dir.resolve("x".repeat(110));
        assertThatThrownBy(() -> servers(Optional.empty(), Optional.of(unix(sock, 0700))).start())
                .isInstanceOf(StartupRefused.class).hasMessageContaining("too long");
    }

    @Test
    void eachServerChecksItsOwnCredentials() throws Exception {
        Path sock = dir.resolve("a.sock");
        HttpServers s = servers(Optional.of(new InetHttpServerConfig("127.0.0.1", 0, Optional.of("web"), Optional.of("pw"))),
                Optional.of(new UnixHttpServerConfig(sock.toString(), 0700, Optional.empty(), Optional.empty(),
                        Optional.of("local"), Optional.of("pw2"))));
        s.start();
        assertThat(get(sock)).startsWith("HTTP/1.1 401");
        assertThat(mainLog).containsExactly("INFO RPC interface 'supervisor' initialized",
                "INFO RPC interface 'supervisor' initialized");
    }
}
