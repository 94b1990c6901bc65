package org.jsupervisor.supervisord.http;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Our supervisord (org.jsupervisor.supervisord.Main) in its own JVM, for end-to-end tests. */
final class Daemon implements AutoCloseable {
    final Process process;
    final Path output;

    private Daemon(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static Process launch(Path conf, Path output) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "org.jsupervisor.supervisord.Main", "-n", "-c", conf.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Starts the daemon and waits until {@code socket} accepts connections. */
    static Daemon start(Path conf, Path socket) throws IOException {
        Path out = conf.resolveSibling("daemon-out.txt");
        Daemon d = new Daemon(launch(conf, out), out);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!d.process.isAlive()) {
                throw new IllegalStateException("daemon exited: " + Files.readString(out));
            }
            return UnixSocketFile.isLive(socket);
        });
        return d;
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A client process whose output is collected as it arrives (for tail -f). */
    static final class Streaming implements AutoCloseable {
        final Process process;
        private final StringBuffer seen = new StringBuffer();

        Streaming(List<String> cmd) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("PYTHONUNBUFFERED", "1");
            process = pb.start();
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ignored) {
                    // the process was stopped
                }
            }, "client-output");
            reader.setDaemon(true);
            reader.start();
        }

        String seen() {
            return seen.toString();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
