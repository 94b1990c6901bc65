package org.jsupervisor.supervisord.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the daemon's JVM loads to open its HTTP servers (class loading is most of its start-up). */
class StartupCostTest {
    private Path dir;

    @BeforeEach
    void shortDir() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jsvc");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void opensBothServersWithoutStartingTheJmxPlatform() throws Exception {
        Path sock = dir.resolve("s.sock");
        Path log = dir.resolve("sd.log");
        Files.writeString(dir.resolve("s.conf"), String.join("\n",
                "[supervisord]", "logfile=" + log, "pidfile=" + dir.resolve("sd.pid"), "childlogdir=" + dir,
                "[unix_http_server]", "file=" + sock,
                "[inet_http_server]", "port=127.0.0.1:" + Clients.freePort(),
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", ""));
        Path classes = dir.resolve("classes.txt");
        Process p = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                "-Xlog:class+load=info:file=" + classes,
                "org.jsupervisor.supervisord.Main", "-n", "-c", dir.resolve("s.conf").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(log) && Files.readString(log).contains("supervisord started with pid"));
            assertThat(UnixSocketFile.isLive(sock)).isTrue();
            // Jetty's MemoryUtils would start the platform MBean server to size some padding.
            assertThat(Files.readString(classes)).contains("org.eclipse.jetty.util.MemoryUtils")
                    .doesNotContain("javax.management.MBeanServer ");
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
