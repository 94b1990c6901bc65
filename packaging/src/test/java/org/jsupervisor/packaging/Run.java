package org.jsupervisor.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion and keeps its exit code and output (stdout and stderr
 * together, through a file so that a chatty command never blocks on a full pipe).
 * Not thread-safe; one call per command.
 */
record Run(int exitCode, String output) {

    static Run of(List<String> command) throws IOException, InterruptedException {
        return of(command, Map.of(), null, Duration.ofSeconds(60));
    }

    /**
     * @param env entries added to (or, with a null value, removed from) this JVM's environment
     * @param dir working directory, or null for the current one
     */
    static Run of(List<String> command, Map<String, String> env, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("jsv-run", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + command
                        + "\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Fails with the command's output unless it exited 0; returns the output. */
    static String ok(String... command) throws IOException, InterruptedException {
        Run r = of(List.of(command));
        if (r.exitCode() != 0) {
            throw new AssertionError("exit " + r.exitCode() + " from " + List.of(command) + ":\n" + r.output());
        }
        return r.output();
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
