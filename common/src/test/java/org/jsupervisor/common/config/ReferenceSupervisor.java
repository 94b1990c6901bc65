package org.jsupervisor.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the installed Supervisor (through dump_config.py) when this machine has it. */
final class ReferenceSupervisor {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPT = Path.of("src/test/reference/dump_config.py").toAbsolutePath();

    private ReferenceSupervisor() {
    }

    /** True when /usr/bin/supervisord is installed and its Python can import it. */
    static boolean available() {
        if (!Files.isExecutable(Path.of("/usr/bin/supervisord")) || !Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import supervisor.options")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes NAME.expected.json for every top-level *.conf of {@code dir}. */
    static void dump(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("dump_config.py failed: " + out);
        }
    }

    /** Copies a directory tree, hidden files included. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path src : s.toList()) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
