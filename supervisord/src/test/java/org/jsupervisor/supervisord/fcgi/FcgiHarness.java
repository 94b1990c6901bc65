package org.jsupervisor.supervisord.fcgi;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.config.ConfigLoader;
import org.jsupervisor.common.config.LogLevel;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.PosixSpawnLauncher;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.jsupervisor.supervisord.engine.SupervisorEngine;
import org.jsupervisor.supervisord.logging.MainLogSetup;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * A real engine on a real config file, with a FastCGI-style child: a Python script that
 * takes the listening socket from fd 0, answers each connection with its pid and then
 * waits for the client to hang up (so N open connections occupy N processes).
 */
final class FcgiHarness implements AutoCloseable {
    static final String CHILD = String.join("\n",
            "import os, socket, sys",
            "s = socket.socket(fileno=0)",
            "def is_open(fd):",
            "    try:",
            "        os.fstat(fd)",
            "        return True",
            "    except OSError:",
            "        return False",
            "extra = [fd for fd in range(3, 256) if is_open(fd)]",
            "print('ready', os.getpid(), s.family.name, 'extra-fds', extra, 'group-leader', os.getpgrp() == os.getpid(),",
            "      flush=True)",
            "print('err', os.getpid(), file=sys.stderr, flush=True)",
            "while True:",
            "    c, _ = s.accept()",
            "    c.sendall(b'%d\\n' % os.getpid())",
            "    try:",
            "        c.recv(1)",
            "    except OSError:",
            "        pass",
            "    c.close()",
            "");

    final Path dir;
    final Path configFile;
    final SupervisorEngine engine;
    final MainLogSetup mainLog;

    /** {@code sections} is the program part of the file; {@code %(here)s}-free, absolute paths. */
    FcgiHarness(Path dir, String sections) throws Exception {
        this.dir = dir;
        Files.writeString(dir.resolve("child.py"), CHILD);
        this.configFile = dir.resolve("supervisord.conf");
        writeConfig(sections);
        SupervisorConfig config = ConfigLoader.load(configFile);
        this.mainLog = MainLogSetup.configure(config.supervisord().logfile(), 0, 0, LogLevel.DEBUG, false);
        this.engine = new SupervisorEngine(config, () -> ConfigLoader.load(configFile), new PosixSpawnLauncher(),
                new SupervisorLog(), mainLog, System::currentTimeMillis);
        engine.start().join();
    }

    void writeConfig(String sections) throws IOException {
        Files.writeString(configFile, "[supervisord]\n"
                + "logfile=" + dir.resolve("main.log") + "\n"
                + "pidfile=" + dir.resolve("sd.pid") + "\n"
                + "childlogdir=" + dir + "\n"
                + "loglevel=debug\n\n" + sections);
    }

    String child() {
        return "python3 " + dir.resolve("child.py");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    ProcessId id(String group, String name) {
        return new ProcessId(group, name);
    }

    void awaitState(ProcessId id, ProcessState s) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> engine.process(id).state() == s);
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("main.log"), StandardCharsets.UTF_8);
    }

    void awaitLog(String fragment) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> log().contains(fragment));
    }

    static SocketAddress tcp(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    static SocketAddress unix(Path path) {
        return UnixDomainSocketAddress.of(path);
    }

    /** An open connection to the pool, and the pid of the process that answered it. */
    record Answer(SocketChannel channel, long pid) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Connects and reads the answering process's pid, waiting at most 10 s for it (the
     * connection stays open until closed).
     */
    static Answer ask(SocketAddress where) throws IOException {
        SocketChannel ch = SocketChannel.open(where instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
        try (Selector sel = Selector.open()) {
            ch.connect(where);
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            ByteBuffer buf = ByteBuffer.allocate(64);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IOException("no answer within 10 s");
                }
                sel.select(left);
                sel.selectedKeys().clear();
                if (ch.read(buf) < 0) {
                    throw new IOException("closed without an answer");
                }
                String got = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
                int nl = got.indexOf('\n');
                if (nl >= 0) {
                    return new Answer(ch, Long.parseLong(got.substring(0, nl).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() {
        engine.shutdown();
        engine.termination().orTimeout(30, TimeUnit.SECONDS).join();
        engine.close();
        mainLog.close();
    }
}
