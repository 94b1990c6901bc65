package org.jsupervisor.supervisord.fcgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jsupervisor.supervisord.fcgi.FcgiHarness.ask;
import static org.jsupervisor.supervisord.fcgi.FcgiHarness.tcp;
import static org.jsupervisor.supervisord.fcgi.FcgiHarness.unix;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.supervisord.engine.EngineException;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.Posix;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fcgi-program pools end to end: real engine, real sockets, real Python children. */
class FcgiPoolEndToEndTest {
    @TempDir
    Path dir;
    /** Short, for unix socket paths (< 108 bytes). */
    Path shortDir;
    FcgiHarness h;

    @BeforeEach
    void shortDir() throws IOException {
        Assumptions.assumeTrue(java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "python3"))), "the FastCGI-style test child needs python3");
        shortDir = Files.createTempDirectory(Path.of("/tmp"), "fc");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (h != null) {
            h.close();
        }
        if (shortDir == null) {
            return;
        }
        try (var files = Files.list(shortDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(shortDir);
    }

    private String pool(String name, String socket, int numprocs, String extra) {
        return "[fcgi-program:" + name + "]\n"
                + "command=python3 " + dir.resolve("child.py") + "\n"
                + "socket=" + socket + "\n"
                + "numprocs=" + numprocs + "\n"
                + (numprocs > 1 ? "process_name=%(program_name)s_%(process_num)d\n" : "")
                + "startsecs=0\nstopwaitsecs=5\n" + extra + "\n";
    }

    private long pid(ProcessId id) {
        return h.engine.process(id).pid();
    }

    private static boolean refused(SocketAddress where) {
        try (var a = ask(where)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("No such file");
        }
    }

    @Test
    void severalProcessesAnswerConnectionsOnTheOneTcpSocket() throws Exception {
        int port = FcgiHarness.freePort();
        h = new FcgiHarness(dir, pool("web", "tcp://127.0.0.1:" + port, 3, ""));
        List<ProcessId> ids = List.of(h.id("web", "web_0"), h.id("web", "web_1"), h.id("web", "web_2"));
        ids.forEach(id -> h.awaitState(id, ProcessState.RUNNING));
        Set<Long> expected = new HashSet<>();
        ids.forEach(id -> expected.add(pid(id)));

        // Each child serves one connection until the client hangs up: three open
        // connections need three different processes.
        List<FcgiHarness.Answer> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(ask(tcp(port)));
            }
            Set<Long> answered = new HashSet<>();
            open.forEach(a -> answered.add(a.pid()));
            assertThat(answered).isEqualTo(expected);
        } finally {
            for (var a : open) {
                a.close();
            }
        }
        assertThat(h.log()).contains("INFO Creating socket tcp://127.0.0.1:" + port);
        // The child's own output still goes to its logs, through the engine's usual path.
        long pid0 = pid(ids.get(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> new String(
                h.engine.processLog(ids.get(0), OutputChannel.STDOUT).read(0, 0), StandardCharsets.UTF_8)
                .contains("ready " + pid0 + " AF_INET extra-fds [] group-leader True"));
        await().atMost(Duration.ofSeconds(10)).until(() -> new String(
                h.engine.processLog(ids.get(0), OutputChannel.STDERR).read(0, 0), StandardCharsets.UTF_8)
                .contains("err " + pid0));
    }

    @Test
    void aUnixSocketGetsItsOwnerAndModeAndAnswers() throws Exception {
        Assumptions.assumeTrue(Posix.uid() == 0, "socket_owner needs root");
        Assumptions.assumeTrue(Posix.lookupUser("nobody").isPresent(), "needs user nobody");
        Path sock = shortDir.resolve("w.sock");
        h = new FcgiHarness(dir, pool("web", "unix://" + sock, 1,
                "socket_mode=0660\nsocket_owner=nobody:" + Posix.lookupUser("nobody").get().gid()));
        ProcessId id = h.id("web", "web");
        h.awaitState(id, ProcessState.RUNNING);
        PosixFileAttributes attrs = Files.readAttributes(sock, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(attrs.isOther()).as("a socket").isTrue();
        assertThat(PosixFilePermissions.toString(attrs.permissions())).isEqualTo("rw-rw----");
        assertThat(attrs.owner().getName()).isEqualTo("nobody");
        assertThat(Files.getAttribute(sock, "unix:gid")).isEqualTo(Posix.lookupUser("nobody").get().gid());
        try (var a = ask(unix(sock))) {
            assertThat(a.pid()).isEqualTo(pid(id));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> new String(
                h.engine.processLog(id, OutputChannel.STDOUT).read(0, 0), StandardCharsets.UTF_8)
                .contains("ready " + pid(id) + " AF_UNIX"));
    }

    @Test
    void aKilledChildIsReplacedWhileTheSocketKeepsAcceptingConnections() throws Exception {
        int port = FcgiHarness.freePort();
        h = new FcgiHarness(dir, pool("web", "tcp://127.0.0.1:" + port, 1, "autorestart=true"));
        ProcessId id = h.id("web", "web");
        h.awaitState(id, ProcessState.RUNNING);
        long first = pid(id);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger refusals = new AtomicInteger();
        List<Long> answers = new CopyOnWriteArrayList<>();
        Thread client = new Thread(() -> {
            while (!stop.get()) {
                try (var a = ask(tcp(port))) {
                    answers.add(a.pid());
                } catch (ConnectException e) {
                    refusals.incrementAndGet();
                } catch (IOException e) {
                    // a connection the killed child had accepted: reset, not refused
                }
            }
        }, "fcgi-test-client");
        client.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> answers.contains(first));
            assertThat(Posix.sendSignal(first, 9)).isZero();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> pid(id) != first && pid(id) != 0 && answers.contains(pid(id)));
        } finally {
            stop.set(true);
            client.join(15_000);
        }
        assertThat(refusals.get()).as("connections refused during the restart").isZero();
        h.awaitLog("exited: web (terminated by SIGKILL; not expected)");
        String log = h.log();
        // created once by the probe when the group is added, once at the first spawn; never again
        assertThat(count(log, "Creating socket tcp://127.0.0.1:" + port)).isEqualTo(2);
        assertThat(count(log, "Closing socket tcp://127.0.0.1:" + port)).isEqualTo(1);
    }

    @Test
    void aStoppedPoolClosesItsSocketAndARemovedGroupLeavesNoSocketFile() throws Exception {
        Path sock = shortDir.resolve("w.sock");
        SocketAddress where = unix(sock);
        h = new FcgiHarness(dir, pool("web", "unix://" + sock, 2, ""));
        ProcessId a = h.id("web", "web_0");
        ProcessId b = h.id("web", "web_1");
        h.awaitState(a, ProcessState.RUNNING);
        h.awaitState(b, ProcessState.RUNNING);
        try (var x = ask(where)) {
            assertThat(x.pid()).isIn(pid(a), pid(b));
        }

        // One process stopped: the other still needs the socket.
        h.engine.stop(a, true).join();
        try (var x = ask(where)) {
            assertThat(x.pid()).isEqualTo(pid(b));
        }
        assertThatThrownBy(() -> h.engine.removeProcessGroup("web").join())
                .hasCauseInstanceOf(EngineException.class);

        // The whole pool stopped for good: closed, and its file removed.
        h.engine.stop(b, true).join();
        h.awaitLog("INFO Closing socket unix://" + sock);
        assertThat(sock).doesNotExist();
        assertThat(refused(where)).isTrue();
        String log = h.log();
        assertThat(log.indexOf("stopped: web_1 (terminated by SIGTERM)"))
                .as("closed after the last process's own line, as Supervisor logs it")
                .isPositive().isLessThan(log.lastIndexOf("INFO Closing socket unix://" + sock));

        // Started again: a new socket at the same path.
        h.engine.start(a, true).join();
        try (var x = ask(where)) {
            assertThat(x.pid()).isEqualTo(pid(a));
        }
        h.engine.stop(a, true).join();

        h.engine.removeProcessGroup("web").join();
        assertThat(sock).doesNotExist();
        assertThat(refused(where)).isTrue();
        assertThat(h.engine.groups()).isEmpty();
    }

    @Test
    void aPoolThatDoesNotAutostartHasASocketOnlyWhileStarted() throws Exception {
        int port = FcgiHarness.freePort();
        h = new FcgiHarness(dir, pool("web", "tcp://127.0.0.1:" + port, 1, "autostart=false"));
        ProcessId id = h.id("web", "web");
        assertThat(refused(tcp(port))).as("not created before the first start").isTrue();
        h.engine.start(id, true).join();
        try (var x = ask(tcp(port))) {
            assertThat(x.pid()).isEqualTo(pid(id));
        }
        h.engine.stop(id, true).join();
        h.awaitLog("INFO Closing socket tcp://127.0.0.1:" + port);
        assertThat(refused(tcp(port))).isTrue();
        h.engine.removeProcessGroup("web").join();
        assertThat(refused(tcp(port))).isTrue();
    }

    @Test
    void rereadSeesAChangedSocketAndRemoveThenAddMovesThePool() throws Exception {
        int port1 = FcgiHarness.freePort();
        int port2 = FcgiHarness.freePort();
        h = new FcgiHarness(dir, pool("web", "tcp://127.0.0.1:" + port1, 1, ""));
        ProcessId id = h.id("web", "web");
        h.awaitState(id, ProcessState.RUNNING);

        h.writeConfig(pool("web", "tcp://127.0.0.1:" + port2, 1, ""));
        var diff = h.engine.reloadConfig().join();
        assertThat(diff.changed()).containsExactly("web");

        // what supervisorctl update does with a changed group
        h.engine.stop(id, true).join();
        h.engine.removeProcessGroup("web").join();
        h.engine.addProcessGroup("web").join();
        h.awaitState(id, ProcessState.RUNNING);
        try (var x = ask(tcp(port2))) {
            assertThat(x.pid()).isEqualTo(pid(id));
        }
        assertThat(refused(tcp(port1))).isTrue();
    }

    @Test
    void aPoolThatGivesUpClosesItsSocketAfterKeepingItThroughBackoff() throws Exception {
        int port = FcgiHarness.freePort();
        h = new FcgiHarness(dir, "[fcgi-program:web]\ncommand=/bin/false\nsocket=tcp://127.0.0.1:" + port
                + "\nstartsecs=1\nstartretries=1\n");
        ProcessId id = h.id("web", "web");
        h.awaitState(id, ProcessState.FATAL);
        h.awaitLog("gave up: web");
        await().atMost(Duration.ofSeconds(10)).until(() -> count(h.log(), "Closing socket") == 2);
        assertThat(refused(tcp(port))).isTrue();
        String log = h.log();
        // probe, then one socket for both attempts (kept through BACKOFF), closed at FATAL
        assertThat(count(log, "Creating socket tcp://127.0.0.1:" + port)).isEqualTo(2);
        assertThat(count(log, "Closing socket tcp://127.0.0.1:" + port)).isEqualTo(2);
    }

    @Test
    void directoryUmaskEnvironmentAndRedirectStderrApplyAsForAnyProgram() throws Exception {
        int port = FcgiHarness.freePort();
        Files.writeString(dir.resolve("probe.py"), String.join("\n",
                "import os, socket, sys",
                "s = socket.socket(fileno=0)",
                "old = os.umask(0)",
                "print('cwd', os.getcwd(), 'umask', oct(old), 'foo', os.environ.get('FOO'),",
                "      'group', os.environ.get('SUPERVISOR_GROUP_NAME'), flush=True)",
                "print('on-stderr', file=sys.stderr, flush=True)",
                "c, _ = s.accept()",
                "c.sendall(b'%d\\n' % os.getpid())",
                "c.recv(1)",
                ""));
        h = new FcgiHarness(dir, "[fcgi-program:web]\ncommand=python3 " + dir.resolve("probe.py")
                + "\nsocket=tcp://127.0.0.1:" + port + "\nstartsecs=0\ndirectory=" + shortDir
                + "\numask=027\nredirect_stderr=true\nenvironment=FOO=\"bar\"\n");
        ProcessId id = h.id("web", "web");
        h.awaitState(id, ProcessState.RUNNING);
        try (var x = ask(tcp(port))) {
            assertThat(x.pid()).isEqualTo(pid(id));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> new String(
                h.engine.processLog(id, OutputChannel.STDOUT).read(0, 0), StandardCharsets.UTF_8)
                .contains("on-stderr"));
        assertThat(new String(h.engine.processLog(id, OutputChannel.STDOUT).read(0, 0), StandardCharsets.UTF_8))
                .contains("cwd " + shortDir.toRealPath() + " umask 0o27 foo bar group web");
    }

    @Test
    void everyByteAChildWritesBeforeExitingReachesItsLog() throws Exception {
        int port = FcgiHarness.freePort();
        Files.writeString(dir.resolve("big.py"), String.join("\n",
                "import sys",
                "line = b'x' * 999 + b'\\n'",
                "for i in range(3000):",
                "    sys.stdout.buffer.write(line)",
                "    sys.stderr.buffer.write(b'e\\n')",
                "sys.stdout.flush()",
                ""));
        h = new FcgiHarness(dir, "[fcgi-program:web]\ncommand=python3 " + dir.resolve("big.py")
                + "\nsocket=tcp://127.0.0.1:" + port + "\nstartsecs=0\nautorestart=false\n");
        ProcessId id = h.id("web", "web");
        h.awaitLog("exited: web (exit status 0; expected)");
        assertThat(h.engine.processLog(id, OutputChannel.STDOUT).read(0, 0)).hasSize(3_000_000);
        assertThat(h.engine.processLog(id, OutputChannel.STDERR).read(0, 0)).hasSize(6_000);
        h.awaitLog("Closing socket tcp://127.0.0.1:" + port);
    }

    @Test
    void aPoolRunAsAnotherUserOwnsItsUnixSocketAndRunsWithThatUid() throws Exception {
        Assumptions.assumeTrue(Posix.uid() == 0, "user= needs root");
        Assumptions.assumeTrue(Posix.lookupUser("nobody").isPresent(), "needs user nobody");
        // a python3 that user can run (pyenv shims under /root are not)
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
        Posix.User nobody = Posix.lookupUser("nobody").get();
        Files.setPosixFilePermissions(shortDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = shortDir.resolve("who.py");
        Files.writeString(script, String.join("\n",
                "import os, socket",
                "s = socket.socket(fileno=0)",
                "print('uid', os.getuid(), 'gid', os.getgid(), flush=True)",
                "c, _ = s.accept()",
                "c.sendall(b'%d\\n' % os.getpid())",
                "c.recv(1)",
                ""));
        Path sock = shortDir.resolve("w.sock");
        h = new FcgiHarness(dir, "[fcgi-program:web]\ncommand=/usr/bin/python3 " + script + "\nsocket=unix://" + sock
                + "\nstartsecs=0\nuser=nobody\n");
        ProcessId id = h.id("web", "web");
        h.awaitState(id, ProcessState.RUNNING);
        // Supervisor gives the socket to the program's user when socket_owner is not set
        assertThat(Files.getAttribute(sock, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(nobody.uid());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rwx------");
        try (var x = ask(unix(sock))) {
            assertThat(x.pid()).isEqualTo(pid(id));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> new String(
                h.engine.processLog(id, OutputChannel.STDOUT).read(0, 0), StandardCharsets.UTF_8)
                .contains("uid " + nobody.uid() + " gid " + nobody.gid()));
    }

    @Test
    void aBusyAddressIsReportedAndTheProcessGetsASpawnError() throws Exception {
        try (var busy = new java.net.ServerSocket()) {
            busy.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int port = busy.getLocalPort();
            h = new FcgiHarness(dir, pool("web", "tcp://127.0.0.1:" + port, 1, "startretries=0"));
            ProcessId id = h.id("web", "web");
            h.awaitState(id, ProcessState.FATAL);
            assertThat(h.log()).contains("ERRO Could not create FastCGI socket tcp://127.0.0.1:" + port
                    + ": [Errno 98] Address already in use");
            assertThat(h.engine.process(id).spawnerr()).contains("Address already in use");
        }
    }

    private static int count(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }
}
