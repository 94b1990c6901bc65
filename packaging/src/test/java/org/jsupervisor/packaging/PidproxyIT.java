package org.jsupervisor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/pidproxy with a command shaped like mysqld_safe: a wrapper that starts the real
 * server in the background, and the server writes its own pid to the pidfile and
 * records every signal it gets.
 */
class PidproxyIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private Process pidproxy;

    private Path pidfile() {
        return dir.resolve("server.pid");
    }

    private Path received() {
        return dir.resolve("received");
    }

    /** Starts pidproxy on the wrapper; returns the server's pid once it is up. */
    private long start() throws IOException {
        Path server = dir.resolve("server.sh");
        Files.writeString(server, """
                #!/bin/sh
                for s in HUP INT QUIT USR1 USR2; do trap "echo $s >>'%1$s'" $s; done
                trap "echo TERM >>'%1$s'; exit 0" TERM
                echo $$ >'%2$s'
                while :; do sleep 0.05; done
                """.formatted(received(), pidfile()));
        Path wrapper = dir.resolve("wrapper.sh");
        // The wrapper (pidproxy's own child) records which signals it was started with ignored.
        Files.writeString(wrapper, "#!/bin/sh\ngrep SigIgn /proc/$$/status >'" + dir.resolve("sigign") + "'\n"
                + "/bin/sh '" + server + "' &\nwait\n");
        pidproxy = new ProcessBuilder(Build.source().resolve("bin/pidproxy").toString(), pidfile().toString(),
                "/bin/sh", wrapper.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("pidproxy.out").toFile()).start();
        await().atMost(WAIT).until(() -> Files.exists(pidfile()) && !Files.readString(pidfile()).isBlank());
        return Long.parseLong(Files.readString(pidfile()).strip());
    }

    private List<String> receivedSignals() throws IOException {
        return Files.exists(received()) ? Files.readAllLines(received()) : List.of();
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (pidproxy != null) {
            pidproxy.descendants().forEach(ProcessHandle::destroyForcibly);
            pidproxy.destroyForcibly();
        }
        if (Files.exists(pidfile())) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidfile()).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void forwardsSignalsToThePidInThePidfileAndExitsAfterTermOnceTheServerIsGone() throws Exception {
        long server = start();
        assertThat(server).isNotEqualTo(pidproxy.pid());
        // A shell cannot trap a signal it was started with ignored (say, under nohup).
        List<String> signals = ignores(pidproxy.pid(), 1) ? List.of("USR1", "USR2") : List.of("HUP", "USR1", "USR2");
        for (String signal : signals) {
            Run.ok("kill", "-" + signal, Long.toString(pidproxy.pid()));
            await().atMost(WAIT).until(() -> receivedSignals().contains(signal));
        }
        assertThat(pidproxy.isAlive()).isTrue();
        Run.ok("kill", "-TERM", Long.toString(pidproxy.pid()));
        assertThat(pidproxy.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("pidproxy exits").isTrue();
        assertThat(pidproxy.exitValue()).isZero();
        List<String> expected = new java.util.ArrayList<>(signals);
        expected.add("TERM");
        assertThat(receivedSignals()).containsExactlyElementsOf(expected);
        assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static boolean ignores(long pid, int signal) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & (1L << (signal - 1))) != 0;
            }
        }
        return false;
    }

    @Test
    void theCommandDoesNotInheritIgnoredIntAndQuit() throws Exception {
        start();
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("sigign")) && !Files.readString(dir.resolve("sigign")).isBlank());
        long ignored = Long.parseLong(Files.readString(dir.resolve("sigign")).replace("SigIgn:", "").strip(), 16);
        assertThat(ignored & (1L << (2 - 1))).as("SIGINT ignored").isZero();
        assertThat(ignored & (1L << (3 - 1))).as("SIGQUIT ignored").isZero();
    }

    @Test
    void exitsWithTheCommandsStatusWhenItEndsWithoutAServer() throws Exception {
        Run r = Run.of(List.of(Build.source().resolve("bin/pidproxy").toString(), pidfile().toString(),
                "/bin/sh", "-c", "exit 7"), java.util.Map.of(), dir, WAIT);
        assertThat(r.exitCode()).isEqualTo(7);
    }

    @Test
    void printsUsageAndExits1WithoutACommand() throws Exception {
        Run r = Run.of(List.of(Build.source().resolve("bin/pidproxy").toString(), pidfile().toString()),
                java.util.Map.of(), dir, WAIT);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("usage: pidproxy PIDFILE COMMAND");
    }
}
