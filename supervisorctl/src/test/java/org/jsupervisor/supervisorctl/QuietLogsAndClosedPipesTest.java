package org.jsupervisor.supervisorctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Following a log that already has content but gets no new writes must show that content at
 * once, bytes as they are; and a follower whose stdout is a closed pipe must stop, as
 * Supervisor's client does (a line on stderr, exit status unchanged).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuietLogsAndClosedPipesTest {
    static final String PROGRAMS = """
            [program:quiet]
            command=/bin/sh -c 'printf "quiet start\\n\\377\\376 raw bytes\\n"; exec sleep 1000'
            stdout_logfile=%(here)s/quiet.log
            startsecs=0

            [program:ticker]
            command=/bin/sh -c 'while :; do echo tick; sleep 0.2; done'
            startsecs=0
            """;
    static final byte[] QUIET_LOG = "quiet start\n\u00ff\u00fe raw bytes\n".getBytes(StandardCharsets.ISO_8859_1);

    private RealSupervisord ours;
    private RealSupervisord python;

    @BeforeAll
    void startDaemons() throws IOException {
        assumeTrue(RealSupervisord.available(), "reference Supervisor not installed");
        ours = new RealSupervisord(PROGRAMS).javaDaemon().start();
        python = new RealSupervisord(PROGRAMS).start();
    }

    @AfterAll
    void stopDaemons() throws IOException {
        for (RealSupervisord sd : new RealSupervisord[] {ours, python}) {
            if (sd != null) {
                sd.close();
            }
        }
    }

    @Test
    void tailFollowOfAQuietLogShowsItsContentAtOnceFromOurDaemon() throws Exception {
        showsQuietLogAtOnce(ours);
    }

    @Test
    void tailFollowOfAQuietLogShowsItsContentAtOnceFromSupervisorsDaemon() throws Exception {
        showsQuietLogAtOnce(python);
    }

    private static void showsQuietLogAtOnce(RealSupervisord sd) throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Arrays.equals(readIfThere(sd.dir.resolve("quiet.log")), QUIET_LOG));
        try (Piped tail = new Piped(sd, "tail", "-f", "quiet")) {
            byte[] expected = concat("==> Press Ctrl-C to exit <==\n".getBytes(StandardCharsets.US_ASCII), QUIET_LOG);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Arrays.equals(tail.stdout(), expected));
        }
    }

    @Test
    void tailFollowIntoAClosedPipeStopsWithSupervisorsBrokenPipeLine() throws Exception {
        try (Piped tail = new Piped(ours, "tail", "-f", "ticker")) {
            tail.readLinesAndClose(2);
            assertThat(tail.awaitExit()).isZero();
            assertThat(tail.stderr()).isEqualTo("unix://" + ours.socket + "/logtail/ticker/stdout"
                    + " Cannot connect, error: <class 'BrokenPipeError'> ([Errno 32] Broken pipe)\n");
        }
    }

    @Test
    void fgIntoAClosedPipeEndsEvenWithStdinStillOpen() throws Exception {
        try (Piped fg = new Piped(ours, "fg", "ticker")) {
            fg.readLinesAndClose(2);
            assertThat(fg.awaitExit()).isZero();
            assertThat(fg.stderr()).contains("/logtail/ticker/stdout Cannot connect, error: <class 'BrokenPipeError'>");
        }
    }

    @Test
    void shellReadingCommandsFromAPipeDiesWhenItsStdoutIsClosed() throws Exception {
        try (Piped shell = new Piped(ours)) {
            shell.readLinesAndClose(1);
            // Keep feeding commands, as `yes status | supervisorctl | head -1` does.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    shell.process.getOutputStream().write("status\n".getBytes(StandardCharsets.US_ASCII));
                    shell.process.getOutputStream().flush();
                } catch (IOException stdinClosed) {
                    // It has gone already.
                }
                return !shell.process.isAlive();
            });
            assertThat(shell.awaitExit()).isEqualTo(1);
            assertThat(shell.stderr()).endsWith("BrokenPipeError: [Errno 32] Broken pipe\n");
        }
    }

    private static byte[] readIfThere(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Our supervisorctl with stdout a pipe this test reads as bytes, stderr to a file. */
    private static final class Piped implements AutoCloseable {
        private final Process process;
        private final Path err;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Thread pump;

        Piped(RealSupervisord sd, String... action) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(OurProcess.javaBinary(), "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "-c", sd.conf.toString()));
            cmd.addAll(List.of(action));
            err = Files.createTempFile(sd.dir, "err", ".txt");
            process = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        }

        /** Copies stdout in the background (for {@link #stdout}). */
        byte[] stdout() {
            if (pump == null) {
                pump = new Thread(() -> {
                    byte[] buf = new byte[4096];
                    try (InputStream in = process.getInputStream()) {
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
            synchronized (out) {
                return out.toByteArray();
            }
        }

        /** Reads {@code n} lines, then closes our end of the pipe, as {@code head -n} does. */
        void readLinesAndClose(int n) throws IOException {
            InputStream in = process.getInputStream();
            for (int lines = 0, b; lines < n; ) {
                b = in.read();
                assertThat(b).as("end of output before %d lines", n).isNotNegative();
                if (b == '\n') {
                    lines++;
                }
            }
            in.close();
        }

        int awaitExit() throws InterruptedException, IOException {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("still running 30 s after its stdout was closed; stderr: " + stderr());
            }
            return process.exitValue();
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
