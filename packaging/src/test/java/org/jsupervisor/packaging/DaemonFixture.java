package org.jsupervisor.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A private directory for one supervisord: a configuration with one program that records
 * its pid, the pidfile, socket and logs; and the daemons to run on it. Not thread-safe.
 */
final class DaemonFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Path PYTHON_SUPERVISORD = Path.of("/usr/bin/supervisord");

    final Path dir;

    DaemonFixture() throws IOException {
        // Short: the unix socket's path must stay under 108 bytes.
        dir = Files.createTempDirectory(Path.of("/tmp"), "jsv-pk");
    }

    /** "jsupervisor" (the source tree's launcher) or "python" (Supervisor 4.2.5); skips if absent. */
    static Path daemon(String which) throws Exception {
        if (which.equals("python")) {
            assumeTrue(Files.isExecutable(PYTHON_SUPERVISORD)
                    && Files.readAllLines(PYTHON_SUPERVISORD).get(0).contains("python"),
                    "Python Supervisor is not installed");
            return PYTHON_SUPERVISORD;
        }
        assumeFalse(Build.ourDaemonIsAStub(), "supervisord's Main is still a stub");
        return Build.source().resolve("bin/supervisord");
    }

    Path config() {
        return dir.resolve("supervisord.conf");
    }

    Path pidfile() {
        return dir.resolve("supervisord.pid");
    }

    Path childPidfile() {
        return dir.resolve("child.pid");
    }

    /** Writes the configuration, with {@code extra} appended. */
    void writeConfig(String extra) throws IOException {
        Files.writeString(config(), """
                [unix_http_server]
                file = %1$s/s.sock

                [supervisord]
                logfile = %1$s/supervisord.log
                pidfile = %1$s/supervisord.pid
                childlogdir = %1$s
                directory = %1$s

                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

                [supervisorctl]
                serverurl = unix://%1$s/s.sock

                [program:sleeper]
                command = /bin/sh -c 'echo $$ >%1$s/child.pid; exec sleep 1000'
                startsecs = 0
                stopwaitsecs = 5
                """.formatted(dir) + extra);
    }

    static Optional<Long> pidIn(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String s = Files.readString(file).strip();
        return s.matches("\\d+") ? Optional.of(Long.parseLong(s)) : Optional.empty();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The program's pid once it is up and differs from {@code previous}. */
    long childPid(long previous) {
        return await().atMost(WAIT).until(() -> pidIn(childPidfile()).filter(p -> p != previous && alive(p)),
                Optional::isPresent).get();
    }

    /** Kills whatever the test left running, then deletes the directory. */
    @Override
    public void close() throws Exception {
        for (Path file : List.of(pidfile(), childPidfile())) {
            pidIn(file).flatMap(ProcessHandle::of).ifPresent(p -> {
                p.destroy();
                p.onExit().completeOnTimeout(p, 10, java.util.concurrent.TimeUnit.SECONDS).join();
                p.destroyForcibly();
            });
        }
        Run.of(List.of("rm", "-rf", dir.toString()));
    }
}
