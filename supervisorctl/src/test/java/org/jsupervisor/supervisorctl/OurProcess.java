package org.jsupervisor.supervisorctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** Our supervisorctl in a JVM of its own, for what needs signals or a live stdin. */
final class OurProcess implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Thread pump;

    OurProcess(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(Arrays.asList(args));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        pump = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[4096];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    synchronized (out) {
                        out.write(buf, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        pump.setDaemon(true);
        pump.start();
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String output() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    void awaitOutput(String text) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> output().contains(text));
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    void type(String text) throws IOException {
        stdin().write(text.getBytes(StandardCharsets.UTF_8));
        stdin().flush();
    }

    /** Sends SIGINT, as Ctrl-C on a terminal would. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("still running; output so far:\n" + output());
        }
        pump.join(5000);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
