package org.jsupervisor.supervisord.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Supervisor 4.2.5 and our daemon run the same script (remove, add, reread, update, HUP);
 * the AUTO log names both report in getAllConfigInfo and getAllProcessInfo must be the same
 * ("auto", or which file) at every step. Skipped when Supervisor is not installed.
 */
class AutoLogNamesAgainstSupervisorTest {
    private static final Path SUPERVISORD = Path.of("/usr/bin/supervisord");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private Path dir;

    @BeforeEach
    void makeDir() throws IOException {
        // unix socket paths must stay short: not under a long @TempDir
        dir = Files.createTempDirectory(Path.of("/tmp"), "jsal");
    }

    @AfterEach
    void removeDir() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void autoLogNamesAreReportedAsSupervisorReportsThemThroughRemoveAddRereadAndHup() throws Exception {
        assumeTrue(Files.isExecutable(SUPERVISORD) && Files.isExecutable(PYTHON), "Supervisor 4.2.5 is not installed");
        Path script = dir.resolve("driver.py");
        try (InputStream in = getClass().getResourceAsStream("auto_log_names.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> ours = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                "org.jsupervisor.supervisord.Main");
        CompletableFuture<String> reference = CompletableFuture.supplyAsync(
                () -> drive(script, dir.resolve("r"), List.of(SUPERVISORD.toString())));
        String actual = drive(script, dir.resolve("o"), ours);
        String expected = reference.get(120, TimeUnit.SECONDS);
        assertThat(expected).as("the reference ran the whole script").contains("== after HUP").contains(" auto ");
        assertThat(actual).isEqualTo(expected);
    }

    private static String drive(Path script, Path wd, List<String> daemon) {
        try {
            Files.createDirectories(wd);
            List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), wd.toString()));
            cmd.addAll(daemon);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
