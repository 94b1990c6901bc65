package org.jsupervisor.supervisord.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.jsupervisor.rpc.server.RpcReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP layer over Jetty's in-memory connector: auth, CSRF, limits, routes, log tails. */
class HttpLayerTest {
    private static final String OK_XML = "<?xml version='1.0'?><methodResponse/>";

    @TempDir
    Path dir;
    private Server server;
    private LocalConnector open;
    private LocalConnector locked;
    private Path stdoutLog;
    private Path mainLog;

    @BeforeEach
    void startServer() throws Exception {
        stdoutLog = dir.resolve("foo.log");
        mainLog = dir.resolve("main.log");
        TailSources sources = new TailSources() {
            @Override
            public Optional<Path> processLog(String namespec, String channel) {
                return namespec.equals("foo") && channel.equals("stdout") ? Optional.of(stdoutLog) : Optional.empty();
            }

            @Override
            public Optional<Path> mainLog() {
                return Optional.of(mainLog);
            }
        };
        RpcEndpoint echo = body -> {
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.contains("broken")) {
                return CompletableFuture.completedFuture(new RpcReply(400, new byte[0]));
            }
            if (text.contains("bug")) {
                return CompletableFuture.failedFuture(new IllegalStateException("secret internals"));
            }
            return CompletableFuture.completedFuture(new RpcReply(200, OK_XML.getBytes(StandardCharsets.UTF_8)));
        };
        Routes routes = new Routes(new RpcHttpHandler(echo, new CsrfPolicy("tok3n"::equals), 1000),
                LogTailHandler.processLogs(sources), LogTailHandler.mainLog(sources), new PlaceholderUi());
        server = new Server();
        open = new LocalConnector(server);
        open.setName("open");
        locked = new LocalConnector(server);
        locked.setName("locked");
        server.addConnector(open);
        server.addConnector(locked);
        server.setHandler(new AuthGate(Map.of("open", Optional.empty(),
                "locked", Optional.of(new Credentials("user", "{SHA}" + Credentials.sha1Hex("s3cret")))), routes));
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
    }

    private static String post(String extraHeaders, String body) {
        return "POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\n" + extraHeaders
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String basic(String user, String pass) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    @Test
    void refusesRequestsWithoutCredentialsWithSupervisorsChallenge() throws Exception {
        String r = locked.getResponse(post("", "<methodCall/>"));
        assertThat(r).startsWith("HTTP/1.1 401").contains("WWW-Authenticate: Basic realm=\"default\"");
        assertThat(locked.getResponse("GET / HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 401");
        assertThat(locked.getResponse("GET /logtail/foo HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 401");
        assertThat(locked.getResponse("GET /mainlogtail HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 401");
    }

    /**
     * Supervisor reads a refused request's body before it answers. Answering (and closing)
     * while the client still sends its body gives the client a broken pipe instead of the
     * 401: Python's xmlrpc.client sends headers and body in two writes.
     */
    @Test
    void readsARefusedRequestsBodyBeforeAnsweringAndClosing() throws Exception {
        String head = "POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: 20\r\n"
                + basic("user", "wrong") + "\r\n";
        LocalConnector.LocalEndPoint ep = locked.executeRequest(head + "0123456789");
        assertThat(ep.getResponse(false, 300, TimeUnit.MILLISECONDS)).as("no answer before the whole body is in").isNull();
        ep.addInput("0123456789");
        String r = ep.getResponse(false, 10, TimeUnit.SECONDS);
        assertThat(r).startsWith("HTTP/1.1 401 ").contains("Connection: close").endsWith("Unauthorized.\r\n</body>\r\n");
    }

    @Test
    void acceptsTheRightPasswordAgainstAShaHashAndRefusesWrongOnes() throws Exception {
        assertThat(locked.getResponse(post(basic("user", "s3cret"), "<methodCall/>"))).startsWith("HTTP/1.1 200").contains(OK_XML);
        assertThat(locked.getResponse(post(basic("user", "wrong"), "<methodCall/>"))).startsWith("HTTP/1.1 401");
        assertThat(locked.getResponse(post(basic("other", "s3cret"), "<methodCall/>"))).startsWith("HTTP/1.1 401");
        assertThat(locked.getResponse(post("Authorization: Basic %%%%\r\n", "<methodCall/>"))).startsWith("HTTP/1.1 400");
        assertThat(locked.getResponse(post("Authorization: Digest abc\r\n", "<methodCall/>"))).startsWith("HTTP/1.1 401");
    }

    @Test
    void plainPasswordsCompareExactly() {
        Credentials c = new Credentials("u", "p@ss");
        assertThat(c.accepts("u", "p@ss")).isTrue();
        assertThat(c.accepts("u", "p@s")).isFalse();
        assertThat(c.accepts("U", "p@ss")).isFalse();
        assertThat(new Credentials("u", "{SHA}" + Credentials.sha1Hex("x").toUpperCase()).accepts("u", "x")).isTrue();
    }

    @Test
    void scriptedClientsPassTheCsrfPolicy() throws Exception {
        // What Python's xmlrpc.client sends: text/xml, no Origin, no Sec-Fetch-*.
        String r = open.getResponse(post("User-Agent: Python-xmlrpc/3.11\r\nAccept-Encoding: gzip\r\n", "<methodCall/>"));
        assertThat(r).startsWith("HTTP/1.1 200").contains("Content-Type: text/xml");
    }

    @Test
    void refusesBodiesAnHtmlFormCouldSend() throws Exception {
        for (String type : new String[] {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain;charset=UTF-8"}) {
            String req = "POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\nContent-Length: 13\r\nConnection: close\r\n\r\n<methodCall/>";
            assertThat(open.getResponse(req)).as(type).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void refusesBrowserRequestsUnlessTheyCarryTheToken() throws Exception {
        assertThat(open.getResponse(post("Origin: http://evil.example\r\n", "<methodCall/>"))).startsWith("HTTP/1.1 403");
        assertThat(open.getResponse(post("Sec-Fetch-Site: cross-site\r\n", "<methodCall/>"))).startsWith("HTTP/1.1 403");
        assertThat(open.getResponse(post("Origin: http://evil.example\r\nX-CSRF-Token: nope\r\n", "<methodCall/>"))).startsWith("HTTP/1.1 403");
        assertThat(open.getResponse(post("Origin: http://localhost\r\nX-CSRF-Token: tok3n\r\n", "<methodCall/>"))).startsWith("HTTP/1.1 200");
        assertThat(open.getResponse(post("Sec-Fetch-Site: same-origin\r\n", "<methodCall/>"))).startsWith("HTTP/1.1 200");
    }

    @Test
    void answersOversizedBodiesWith413() throws Exception {
        String big = "x".repeat(2000);
        assertThat(open.getResponse(post("", big))).startsWith("HTTP/1.1 413");
        String chunked = "POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "7d0\r\n" + big + "\r\n0\r\n\r\n";
        assertThat(open.getResponse(chunked)).startsWith("HTTP/1.1 413");
    }

    @Test
    void answersMalformedCallsAndOtherMethodsWith400WithoutAStackTrace() throws Exception {
        String r = open.getResponse(post("", "broken"));
        assertThat(r).startsWith("HTTP/1.1 400").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(open.getResponse("GET /RPC2 HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(open.getResponse(post("", "bug"))).startsWith("HTTP/1.1 500").doesNotContain("secret internals");
    }

    @Test
    void servesAPageAtTheRootAnd404ElsewhereWhenNoUiIsMounted() throws Exception {
        assertThat(open.getResponse("GET / HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200");
        assertThat(open.getResponse("GET /nothing HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 404");
    }

    @Test
    void logTailAnswers404ForUnknownProcessesMissingFilesAndOtherChannels() throws Exception {
        assertThat(open.getResponse("GET /logtail/bar HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 404");
        assertThat(open.getResponse("GET /logtail/foo HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 404");
        Files.writeString(stdoutLog, "x");
        assertThat(open.getResponse("GET /logtail/foo/stderr HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 404");
        assertThat(open.getResponse("POST /logtail/foo HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void logTailStreamsTheLastKilobyteThenWhatIsAppended() throws Exception {
        String head = "A".repeat(1500) + "B".repeat(1024);
        Files.writeString(stdoutLog, head);
        try (LocalConnector.LocalEndPoint ep = open.connect()) {
            ep.addInputAndExecute(org.eclipse.jetty.util.BufferUtil.toBuffer("GET /logtail/foo HTTP/1.1\r\nHost: x\r\n\r\n"));
            StringBuilder seen = new StringBuilder();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                seen.append(ep.takeOutputString());
                return seen.toString().contains("B".repeat(1024));
            });
            assertThat(seen.toString()).contains("Transfer-Encoding: chunked", "Content-Type: text/plain;charset=utf-8",
                    "X-Accel-Buffering: no", "Last-Modified:").doesNotContain("AAA");
            Files.writeString(stdoutLog, "appended line\n", StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                seen.append(ep.takeOutputString());
                return seen.toString().contains("appended line");
            });
            Files.writeString(stdoutLog, "new\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                seen.append(ep.takeOutputString());
                return seen.toString().contains("new\n");
            });
            assertThat(seen.toString()).contains("==> File truncated <==\n", "4\r\nnew\n");
        }
    }

    @Test
    void mainLogTailStartsWithTheWholeFileWhenItIsShort() throws Exception {
        Files.writeString(mainLog, "2026-01-01 INFO hello\n");
        try (LocalConnector.LocalEndPoint ep = open.connect()) {
            ep.addInputAndExecute(org.eclipse.jetty.util.BufferUtil.toBuffer("GET /mainlogtail HTTP/1.1\r\nHost: x\r\n\r\n"));
            StringBuilder seen = new StringBuilder();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                seen.append(ep.takeOutputString());
                return seen.toString().contains("INFO hello");
            });
            assertThat(seen.toString()).startsWith("HTTP/1.1 200").doesNotContain("X-Accel-Buffering");
        }
    }
}
