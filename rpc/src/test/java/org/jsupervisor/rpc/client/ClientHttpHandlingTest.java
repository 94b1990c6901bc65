package org.jsupervisor.rpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.rpc.XmlRpcFormatException;
import org.jsupervisor.rpc.XmlRpcLimits;
import org.jsupervisor.rpc.XmlRpcWriter;
import org.junit.jupiter.api.Test;

class ClientHttpHandlingTest {
    private static final String ANSWER = XmlRpcWriter.responseString("pong");

    @Test
    void reusesOneConnectionForSuccessiveCalls() throws Exception {
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            ScriptedHttpServer.write(out, ScriptedHttpServer.ok(ANSWER));
            return true;
        }); XmlRpcClient client = XmlRpcClient.of(s.url())) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.call("x.ping")).isEqualTo("pong");
            }
            assertThat(s.connections).hasValue(1);
        }
    }

    @Test
    void sendsWhatSupervisorExpectsInTheRequest() throws Exception {
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            ScriptedHttpServer.write(out, ScriptedHttpServer.ok(ANSWER));
            return true;
        }); XmlRpcClient client = XmlRpcClient.builder(s.url() + "/ignored/path").credentials("user", "pä:ss").build()) {
            client.call("supervisor.startProcess", "foo", true);
            String req = s.requests.get(0);
            assertThat(req).startsWith("POST /RPC2 HTTP/1.1\r\n");
            assertThat(req).contains("\r\nHost: 127.0.0.1:" + s.url().substring(s.url().lastIndexOf(':') + 1) + "\r\n");
            assertThat(req).contains("\r\nContent-Type: text/xml\r\n");
            assertThat(req).contains("\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString("user:pä:ss".getBytes(StandardCharsets.UTF_8)) + "\r\n");
            assertThat(req).endsWith(XmlRpcWriter.methodCallString("supervisor.startProcess", List.of("foo", true)));
        }
    }

    @Test
    void reconnectsOnceWhenTheServerClosedTheKeptConnection() throws Exception {
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            ScriptedHttpServer.write(out, ScriptedHttpServer.ok(ANSWER));
            return false; // closes after each answer, without saying so
        }); XmlRpcClient client = XmlRpcClient.of(s.url())) {
            assertThat(client.call("x.ping")).isEqualTo("pong");
            assertThat(client.call("x.ping")).isEqualTo("pong");
            assertThat(client.call("x.ping")).isEqualTo("pong");
            assertThat(s.connections).hasValue(3);
        }
    }

    @Test
    void doesNotRetryOnAFreshConnectionThatAnswersNothing() throws Exception {
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> false);
             XmlRpcClient client = XmlRpcClient.of(s.url())) {
            assertThatThrownBy(() -> client.call("x.ping")).isInstanceOf(IOException.class)
                .isNotInstanceOf(RpcConnectException.class);
            assertThat(s.connections).hasValue(1);
        }
    }

    @Test
    void honoursConnectionCloseAndReadToEndBodies() throws Exception {
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            if (c % 2 == 1) {
                ScriptedHttpServer.write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: "
                    + ANSWER.length() + "\r\n\r\n" + ANSWER);
            } else {
                ScriptedHttpServer.write(out, "HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n" + ANSWER);
            }
            return false;
        }); XmlRpcClient client = XmlRpcClient.of(s.url())) {
            for (int i = 0; i < 4; i++) {
                assertThat(client.call("x.ping")).isEqualTo("pong");
            }
            assertThat(s.connections).hasValue(4);
        }
    }

    @Test
    void readsChunkedResponses() throws Exception {
        String a = ANSWER.substring(0, 10);
        String b = ANSWER.substring(10);
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            ScriptedHttpServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(a.length()) + ";ext=1\r\n" + a + "\r\n"
                + Integer.toHexString(b.length()) + "\r\n" + b + "\r\n0\r\nX-Trailer: y\r\n\r\n");
            return true;
        }); XmlRpcClient client = XmlRpcClient.of(s.url())) {
            assertThat(client.call("x.ping")).isEqualTo("pong");
            assertThat(client.call("x.ping")).isEqualTo("pong");
            assertThat(s.connections).hasValue(1);
        }
    }

    @Test
    void reportsHttpErrorsFaultsAndGarbageDistinctly() throws Exception {
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            String path = head.split(" ")[1];
            switch (path) {
                case "/RPC2":
                    if (head.contains("Authorization")) {
                        ScriptedHttpServer.write(out, ScriptedHttpServer.ok(XmlRpcWriter.faultString(10, "BAD_NAME: x")));
                    } else {
                        ScriptedHttpServer.write(out, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
                    }
                    return true;
                case "/500":
                    ScriptedHttpServer.write(out, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
                    return true;
                case "/garbage":
                    ScriptedHttpServer.write(out, "SSH-2.0-OpenSSH\r\n\r\n");
                    return false;
                default:
                    ScriptedHttpServer.write(out, ScriptedHttpServer.ok("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                        + "<methodResponse><params><param><value>&e;</value></param></params></methodResponse>"));
                    return true;
            }
        })) {
            try (XmlRpcClient anonymous = XmlRpcClient.of(s.url())) {
                assertThatThrownBy(() -> anonymous.call("x.y")).isInstanceOfSatisfying(RpcHttpException.class,
                    e -> assertThat(e.isUnauthorized()).isTrue());
                assertThat(anonymous.exchange("POST", "/500", "text/xml", new byte[0]).status()).isEqualTo(500);
                assertThatThrownBy(() -> anonymous.exchange("GET", "/garbage", null, null))
                    .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP response");
                assertThat(anonymous.exchange("POST", "/xxe", "text/xml", new byte[0]).status()).isEqualTo(200);
            }
            try (XmlRpcClient withAuth = XmlRpcClient.builder(s.url()).credentials("a", "b").build()) {
                assertThatThrownBy(() -> withAuth.call("x.y")).isInstanceOfSatisfying(RpcFault.class,
                    f -> assertThat(f.faultString()).isEqualTo("BAD_NAME: x"));
            }
        }
    }

    @Test
    void appliesTheHardenedParserAndSizeLimitToResponses() throws Exception {
        String hostile = "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
            + "<methodResponse><params><param><value>&e;</value></param></params></methodResponse>";
        String big = XmlRpcWriter.responseString("x".repeat(10_000));
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            ScriptedHttpServer.write(out, ScriptedHttpServer.ok(c == 1 ? hostile : big));
            return true;
        })) {
            try (XmlRpcClient client = XmlRpcClient.of(s.url())) {
                assertThatThrownBy(() -> client.call("x.y")).isInstanceOf(XmlRpcFormatException.class);
            }
            try (XmlRpcClient small = XmlRpcClient.builder(s.url()).limits(new XmlRpcLimits(1000, 8)).build()) {
                assertThatThrownBy(() -> small.call("x.y")).isInstanceOf(IOException.class)
                    .hasMessageContaining("larger than");
            }
        }
    }

    @Test
    void streamsChunksAsTheyArriveAndStopsWhenClosed() throws Exception {
        java.util.concurrent.CountDownLatch more = new java.util.concurrent.CountDownLatch(1);
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            ScriptedHttpServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            try {
                more.await(); // keep the stream open, like tail -f
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }); XmlRpcClient client = XmlRpcClient.of(s.url())) {
            InputStream in = client.openStream("/logtail/foo");
            byte[] buf = new byte[100];
            assertThat(new String(buf, 0, in.read(buf), StandardCharsets.UTF_8)).isEqualTo("hello");
            java.util.concurrent.atomic.AtomicInteger result = new java.util.concurrent.atomic.AtomicInteger(99);
            Thread reader = new Thread(() -> {
                try {
                    result.set(in.read(buf));
                } catch (IOException e) {
                    result.set(-2);
                }
            });
            reader.start();
            // wait until the reader is blocked inside the socket read, then close under it
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                java.util.Arrays.stream(reader.getStackTrace()).anyMatch(f -> f.getClassName().contains("NioSocketImpl")));
            in.close();
            reader.join(10_000);
            assertThat(result).hasValue(-1);
            more.countDown();
        }
    }

    @Test
    void handsOutAChunkBeforeTheCrlfThatEndsItArrives() throws Exception {
        // Jetty sends the CRLF closing a chunk together with the next chunk; a quiet log's
        // tail must not wait for that next chunk.
        java.util.concurrent.CountDownLatch more = new java.util.concurrent.CountDownLatch(1);
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            ScriptedHttpServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello");
            try {
                more.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ScriptedHttpServer.write(out, "\r\n3\r\nabc\r\n0\r\n\r\n");
            return false;
        }); XmlRpcClient client = XmlRpcClient.of(s.url())) {
            InputStream in = client.openStream("/logtail/foo");
            byte[] buf = new byte[100];
            java.util.concurrent.CompletableFuture<String> first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(buf, 0, in.read(buf), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("hello");
            } finally {
                more.countDown();
            }
            assertThat(new String(buf, 0, in.read(buf), StandardCharsets.UTF_8)).isEqualTo("abc");
            assertThat(in.read(buf)).isEqualTo(-1);
        }
    }

    @Test
    void readsNoBodyForHeadAndSendsAnEmptyBodyForABodilessPost() throws Exception {
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            ScriptedHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                + (head.startsWith("HEAD") ? "" : "x".repeat(1000)));
            return true;
        }); XmlRpcClient client = XmlRpcClient.of(s.url())) {
            assertThat(client.exchange("HEAD", "/", null, null).body()).isEmpty();
            assertThat(client.exchange("POST", "/RPC2", null, null).body()).hasSize(1000);
            assertThat(client.exchange("GET", "/", null, null).header("content-length")).isEqualTo("1000");
            assertThat(s.requests.get(1)).contains("\r\nContent-Length: 0\r\n");
            assertThat(s.connections).hasValue(1);
        }
    }

    @Test
    void callsFromSeveralThreadsTakeTurnsOnTheConnection() throws Exception {
        try (ScriptedHttpServer s = new ScriptedHttpServer((c, r, head, out) -> {
            ScriptedHttpServer.write(out, ScriptedHttpServer.ok(ANSWER));
            return true;
        }); XmlRpcClient client = XmlRpcClient.of(s.url())) {
            List<java.util.concurrent.CompletableFuture<Object>> calls = new java.util.ArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (int i = 0; i < 40; i++) {
                    calls.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return client.call("x.ping");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, pool));
                }
                for (java.util.concurrent.CompletableFuture<Object> f : calls) {
                    assertThat(f.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("pong");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(s.connections).hasValue(1);
        }
    }

    @Test
    void parsesServerUrlsAsSupervisorctlDoes() {
        assertThat(ServerUrl.parse("unix:///tmp/supervisor.sock").socketPath().toString()).isEqualTo("/tmp/supervisor.sock");
        ServerUrl h = ServerUrl.parse("http://localhost:9001");
        assertThat(h.host()).isEqualTo("localhost");
        assertThat(h.port()).isEqualTo(9001);
        assertThat(h.hostHeader()).isEqualTo("localhost:9001");
        assertThat(ServerUrl.parse("http://example.com").port()).isEqualTo(80);
        assertThat(ServerUrl.parse("http://example.com/RPC2").hostHeader()).isEqualTo("example.com");
        ServerUrl v6 = ServerUrl.parse("http://[::1]:9001/");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.hostHeader()).isEqualTo("[::1]:9001");
        assertThat(ServerUrl.parse("unix:///tmp/s.sock").hostHeader()).isEqualTo("localhost");
        for (String bad : List.of("ftp://x", "unix://", "http://", "http://h:0", "http://h:x", "/tmp/s.sock")) {
            assertThatThrownBy(() -> ServerUrl.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
