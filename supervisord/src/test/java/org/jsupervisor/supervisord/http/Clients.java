package org.jsupervisor.supervisord.http;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference clients (Python's xmlrpc.client, Debian's supervisorctl) from tests, and
 * makes the short temp directories they and the daemons work in.
 */
final class Clients {
    static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
    static final Path SUPERVISORCTL = Path.of("/usr/bin/supervisorctl");
    static final Path SUPERVISORD = Path.of("/usr/bin/supervisord");

    private Clients() {
    }

    record Result(int exit, String out) {
    }

    /** Runs a Python script with the system Python (which can import supervisor). */
    static Result python(Path dir, String script, String... args) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "client", ".py");
        Files.writeString(file, script);
        List<String> cmd = new ArrayList<>(List.of(SYSTEM_PYTHON.toString(), file.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A new directory directly under /tmp: unix socket paths in it stay under 108 bytes. */
    static Path shortTempDir(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), prefix);
    }

    /** Deletes {@code dir} and everything in it, as far as it can; null is nothing to delete. */
    static void deleteTree(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
