package org.jsupervisor.supervisord.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our daemon (Main) in its own JVM at {@code loglevel=trace}, with class loading logged:
 * what it loads to open its HTTP servers (class loading is most of its start-up) and what
 * the control plane writes to the main log.
 */
class DaemonStartupTest {
    static Path dir;
    static Path log;
    static Path classes;
    static int port;
    static Process daemon;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jsvc");
        Path sock = dir.resolve("s.sock");
        log = dir.resolve("sd.log");
        classes = dir.resolve("classes.txt");
        port = Clients.freePort();
        Files.writeString(dir.resolve("s.conf"), String.join("\n",
                "[supervisord]", "logfile=" + log, "pidfile=" + dir.resolve("sd.pid"), "childlogdir=" + dir,
                "loglevel=trace",
                "[unix_http_server]", "file=" + sock,
                "[inet_http_server]", "port=127.0.0.1:" + port,
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", ""));
        daemon = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                "-Xlog:class+load=info:file=" + classes,
                "org.jsupervisor.supervisord.Main", "-n", "-c", dir.resolve("s.conf").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(log) && Files.readString(log).contains("supervisord started with pid"));
        assertThat(UnixSocketFile.isLive(sock)).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        if (dir != null) {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void opensBothServersWithoutStartingTheJmxPlatform() throws Exception {
        // Jetty's MemoryUtils would start the platform MBean server to size some padding.
        assertThat(Files.readString(classes)).contains("org.eclipse.jetty.util.MemoryUtils")
                .doesNotContain("javax.management.MBeanServer");
    }

    @Test
    void logsEachXmlRpcCallAtTraceLevelAsSupervisorDoes() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/RPC2")).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<?xml version='1.0'?><methodCall>"
                        + "<methodName>supervisor.getPID</methodName><params></params></methodCall>"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(log))
                .contains("TRAC XML-RPC method called: supervisor.getPID()\n")
                .contains("TRAC XML-RPC method supervisor.getPID() returned successfully\n"));
    }
}
