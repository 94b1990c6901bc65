package org.jsupervisor.rpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.rpc.XmlRpcWriter;
import org.jsupervisor.rpc.server.RpcDispatcher;
import org.jsupervisor.rpc.server.RpcReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAgainstRealSupervisordTest {
    private static final String PROGRAMS = "[program:cat]\ncommand=/bin/cat\nstartsecs=0\n"
        + "[program:ticker]\ncommand=/bin/sh -c 'while true; do echo tick; sleep 0.1; done'\nstartsecs=0\n";

    private static RealSupervisord open;
    private static RealSupervisord guarded;

    @BeforeAll
    static void startDaemons() throws Exception {
        Assumptions.assumeTrue(RealSupervisord.installed(), "/usr/bin/supervisord not installed");
        open = RealSupervisord.start(null, null, PROGRAMS);
        guarded = RealSupervisord.start("alice", "s3cret", "");
    }

    @AfterAll
    static void stopDaemons() throws Exception {
        if (open != null) {
            open.close();
        }
        if (guarded != null) {
            guarded.close();
        }
    }

    private static String url(String which) {
        return which.equals("unix") ? open.unixUrl : open.httpUrl;
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "http"})
    void readsStateAndProcessInfo(String which) throws Exception {
        try (XmlRpcClient c = XmlRpcClient.of(url(which))) {
            assertThat(c.call("supervisor.getState")).isEqualTo(Map.of("statecode", 1, "statename", "RUNNING"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<?> infos = (List<?>) c.call("supervisor.getAllProcessInfo");
                assertThat(infos).hasSize(2);
                Map<?, ?> cat = (Map<?, ?>) infos.get(0);
                assertThat(cat.get("name")).isEqualTo("cat");
                assertThat(cat.get("statename")).isEqualTo("RUNNING");
                assertThat(cat.get("pid")).isInstanceOf(Integer.class);
            });
            assertThat(c.call("supervisor.getAPIVersion")).isEqualTo("3.0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "http"})
    void throwsFaultsWithSupervisorsCodesAndStrings(String which) throws Exception {
        try (XmlRpcClient c = XmlRpcClient.of(url(which))) {
            assertThatThrownBy(() -> c.call("supervisor.startProcess", "nosuch"))
                .isInstanceOfSatisfying(RpcFault.class, f -> {
                    assertThat(f.code()).isEqualTo(Faults.BAD_NAME);
                    assertThat(f.faultString()).isEqualTo("BAD_NAME: nosuch");
                });
            assertThatThrownBy(() -> c.call("supervisor.nope")).isInstanceOfSatisfying(RpcFault.class,
                f -> assertThat(f.faultString()).isEqualTo("UNKNOWN_METHOD"));
            assertThatThrownBy(() -> c.call("supervisor.getState", 1)).isInstanceOfSatisfying(RpcFault.class,
                f -> assertThat(f.code()).isEqualTo(Faults.INCORRECT_PARAMETERS));
            // the connection is still good after faults
            assertThat(c.call("supervisor.getPID")).isInstanceOf(Integer.class);
        }
    }

    @Test
    void runsAMulticallWithFaultsReturnedAsValues() throws Exception {
        try (XmlRpcClient c = XmlRpcClient.of(open.unixUrl)) {
            List<Object> r = c.multicall(List.of(
                XmlRpcClient.methodCall("supervisor.getState"),
                XmlRpcClient.methodCall("supervisor.startProcess", "nosuch"),
                XmlRpcClient.methodCall("system.multicall", List.of())));
            assertThat(r.get(0)).isEqualTo(Map.of("statecode", 1, "statename", "RUNNING"));
            assertThat(r.get(1)).isInstanceOfSatisfying(RpcFault.class,
                f -> assertThat(f.faultString()).isEqualTo("BAD_NAME: nosuch"));
            assertThat(r.get(2)).isInstanceOfSatisfying(RpcFault.class, f -> assertThat(f.faultString())
                .isEqualTo("INCORRECT_PARAMETERS: Recursive system.multicall forbidden"));
        }
    }

    @Test
    void ourDispatcherAnswersTheSystemNamespaceByteForByteAsSupervisorDoes() throws Exception {
        RpcDispatcher ours = RpcDispatcher.builder().build();
        List<byte[]> requests = List.of(
            XmlRpcWriter.methodCall("system.multicall", List.of(List.of(
                Map.of("methodName", "system.multicall"),
                Map.of("params", List.of()),
                Map.of("methodName", "a.b.c"),
                Map.of("methodName", "system._listMethods"),
                Map.of("methodName", "system.methodHelp", "params", List.of()),
                Map.of("methodName", "system.methodSignature", "params", List.of("no.such"))))),
            XmlRpcWriter.methodCall("system.methodHelp", List.of("no.such")),
            XmlRpcWriter.methodCall("system.listMethods", List.of(1)),
            XmlRpcWriter.methodCall("nonamespace", List.of()),
            XmlRpcWriter.methodCall("system.methodSignature", List.of("system.multicall")),
            "<methodCall><methodName>system.multicall</methodName><params><param><value><array><data/></array></value></param></params></methodCall>"
                .getBytes(StandardCharsets.UTF_8));
        try (XmlRpcClient c = XmlRpcClient.of(open.unixUrl)) {
            for (byte[] req : requests) {
                HttpResultAssert.same(c.exchange("POST", "/RPC2", "text/xml", req), ours.handle(req).get(5, TimeUnit.SECONDS),
                    new String(req, StandardCharsets.UTF_8));
            }
            // Unreadable requests and missing method names: 400 on both.
            for (String bad : List.of("garbage", "<methodCall><methodName></methodName></methodCall>")) {
                byte[] req = bad.getBytes(StandardCharsets.UTF_8);
                assertThat(c.exchange("POST", "/RPC2", "text/xml", req).status()).isEqualTo(400);
                assertThat(ours.handle(req).get().status()).isEqualTo(400);
            }
        }
    }

    @Test
    void rewritingSupervisorsAnswersGivesTheSameBytes() throws Exception {
        List<byte[]> requests = List.of(
            XmlRpcWriter.methodCall("supervisor.getState", List.of()),
            XmlRpcWriter.methodCall("supervisor.getAllProcessInfo", List.of()),
            XmlRpcWriter.methodCall("supervisor.getProcessInfo", List.of("cat")),
            XmlRpcWriter.methodCall("supervisor.getAllConfigInfo", List.of()),
            XmlRpcWriter.methodCall("supervisor.readLog", List.of(0, 500)),
            XmlRpcWriter.methodCall("supervisor.tailProcessStdoutLog", List.of("ticker", 0, 100)),
            XmlRpcWriter.methodCall("system.listMethods", List.of()),
            XmlRpcWriter.methodCall("system.methodSignature", List.of("supervisor.startProcess")),
            XmlRpcWriter.methodCall("supervisor.stopProcess", List.of("nosuch")));
        try (XmlRpcClient c = XmlRpcClient.of(open.unixUrl)) {
            for (byte[] req : requests) {
                HttpResult theirs = c.exchange("POST", "/RPC2", "text/xml", req);
                assertThat(theirs.status()).isEqualTo(200);
                byte[] ours;
                try {
                    ours = XmlRpcWriter.response(org.jsupervisor.rpc.XmlRpcReader.parseResponse(theirs.body(),
                        org.jsupervisor.rpc.XmlRpcLimits.CLIENT));
                } catch (RpcFault f) {
                    ours = XmlRpcWriter.fault(f);
                }
                assertThat(new String(ours, StandardCharsets.UTF_8)).as(new String(req, StandardCharsets.UTF_8))
                    .isEqualTo(new String(theirs.body(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Compares what Supervisor answered with what our dispatcher answers. */
    static final class HttpResultAssert {
        static void same(HttpResult theirs, RpcReply ours, String what) {
            assertThat(ours.status()).as(what).isEqualTo(theirs.status());
            assertThat(new String(ours.body(), StandardCharsets.UTF_8)).as(what)
                .isEqualTo(new String(theirs.body(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "http"})
    void distinguishesMissingAndWrongCredentialsFromSuccess(String which) throws Exception {
        String u = which.equals("unix") ? guarded.unixUrl : guarded.httpUrl;
        try (XmlRpcClient anonymous = XmlRpcClient.of(u)) {
            assertThatThrownBy(() -> anonymous.call("supervisor.getState"))
                .isInstanceOfSatisfying(RpcHttpException.class, e -> assertThat(e.isUnauthorized()).isTrue());
        }
        try (XmlRpcClient wrong = XmlRpcClient.builder(u).credentials("alice", "nope").build()) {
            assertThatThrownBy(() -> wrong.call("supervisor.getState"))
                .isInstanceOfSatisfying(RpcHttpException.class, e -> assertThat(e.status()).isEqualTo(401));
        }
        try (XmlRpcClient right = XmlRpcClient.builder(u).credentials("alice", "s3cret").build()) {
            assertThat(right.call("supervisor.getState")).isEqualTo(Map.of("statecode", 1, "statename", "RUNNING"));
            assertThat(right.call("supervisor.getState")).isNotNull();
        }
    }

    @Test
    void tellsRefusedConnectionsFromMissingSocketFiles() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (XmlRpcClient c = XmlRpcClient.of("http://127.0.0.1:" + closedPort)) {
            assertThatThrownBy(() -> c.call("supervisor.getState")).isInstanceOfSatisfying(RpcConnectException.class,
                e -> assertThat(e.kind()).isEqualTo(RpcConnectException.Kind.REFUSED));
        }
        Path missing = open.dir.resolve("missing.sock");
        try (XmlRpcClient c = XmlRpcClient.of("unix://" + missing)) {
            assertThatThrownBy(() -> c.call("supervisor.getState")).isInstanceOfSatisfying(RpcConnectException.class,
                e -> assertThat(e.kind()).isEqualTo(RpcConnectException.Kind.NO_SUCH_FILE));
        }
        Path stale = open.dir.resolve("stale.sock");
        try (java.nio.channels.ServerSocketChannel s = java.nio.channels.ServerSocketChannel.open(
            java.net.StandardProtocolFamily.UNIX)) {
            s.bind(java.net.UnixDomainSocketAddress.of(stale));
        }
        assertThat(Files.exists(stale)).isTrue();
        try (XmlRpcClient c = XmlRpcClient.of("unix://" + stale)) {
            assertThatThrownBy(() -> c.call("supervisor.getState")).isInstanceOfSatisfying(RpcConnectException.class,
                e -> assertThat(e.kind()).isEqualTo(RpcConnectException.Kind.REFUSED));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "http"})
    void streamsALogTailUntilClosed(String which) throws Exception {
        try (XmlRpcClient c = XmlRpcClient.of(url(which))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> ((Map<?, ?>) c.call("supervisor.getProcessInfo", "ticker"))
                .get("statename").equals("RUNNING"));
            InputStream tail = c.openStream("/logtail/ticker/stdout");
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                byte[] buf = new byte[256];
                try {
                    int n;
                    while ((n = tail.read(buf)) >= 0) {
                        synchronized (seen) {
                            seen.write(buf, 0, n);
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                synchronized (seen) {
                    return seen.toString(StandardCharsets.UTF_8).split("tick", -1).length > 5;
                }
            });
            tail.close();
            reader.get(10, TimeUnit.SECONDS); // ends normally once closed
            InputStream main = c.openStream("/mainlogtail");
            byte[] first = new byte[64];
            assertThat(main.read(first)).isPositive();
            main.close();
            assertThatThrownBy(() -> c.openStream("/logtail/nosuch")).isInstanceOfSatisfying(RpcHttpException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        }
    }
}
