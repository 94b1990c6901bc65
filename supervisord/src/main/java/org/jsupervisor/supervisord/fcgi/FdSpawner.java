package org.jsupervisor.supervisord.fcgi;

import com.sun.jna.Memory;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.jsupervisor.supervisord.engine.Launcher;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.Posix;

/**
 * Spawns a child whose fd 0 is a descriptor we choose (an fcgi-program's listening socket)
 * and whose fds 1 and 2 are pipes read by an {@link OutputPump}. It uses glibc's
 * {@code posix_spawn} (a vfork-style clone, safe in a multi-threaded JVM) with file
 * actions {@code dup2(socket, 0)}, {@code dup2(pipe, 1)}, {@code dup2(pipe, 2)} and
 * {@code closefrom(3)}: no process-wide descriptor juggling, no lock, no helper program.
 * The exec line (setsid/setpriv/sh wrappers) is the one the engine's launcher builds, and
 * exits go to the engine's reaper. See docs/fcgi.md.
 *
 * <p>Thread-safe; {@link #spawn} may be called from any thread.
 */
public final class FdSpawner implements AutoCloseable {
    /** Registers a pid with the engine's reaper: the callback gets the raw wait status once. */
    public interface ExitWatch {
        void register(long pid, IntConsumer onExit);
    }

    private final ExitWatch exits;
    private OutputPump pump;
    private boolean closed;

    public FdSpawner(ExitWatch exits) {
        this.exits = exits;
    }

    private synchronized OutputPump pump() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (pump == null) {
            pump = new OutputPump();
        }
        return pump;
    }

    /**
     * Starts {@code execLine} with {@code spec}'s environment and directory, {@code stdinFd}
     * on fd 0. Returns once it has a pid.
     */
    public Launcher.Child spawn(List<String> execLine, Launcher.Spec spec, int stdinFd,
            Launcher.ChildListener listener) throws Launcher.SpawnException {
        if (stdinFd < 0) {
            throw new Launcher.SpawnException("no descriptor for the child's stdin", null);
        }
        OutputPump out;
        try {
            out = pump();
        } catch (RuntimeException e) {
            throw new Launcher.SpawnException(String.valueOf(e.getMessage()), e);
        }
        int[] stdout = pipe();
        int[] stderr;
        try {
            stderr = pipe();
        } catch (Launcher.SpawnException e) {
            closeAll(stdout);
            throw e;
        }
        Memory fa = new Memory(LibC.SPAWN_STRUCT_BYTES);
        Memory attr = new Memory(LibC.SPAWN_STRUCT_BYTES);
        Memory noSignals = new Memory(LibC.SIGSET_BYTES);
        Memory allSignals = new Memory(LibC.SIGSET_BYTES);
        LibC.posix_spawn_file_actions_init(fa);
        LibC.posix_spawnattr_init(attr);
        int pid;
        try {
            LibC.posix_spawn_file_actions_adddup2(fa, stdinFd, 0);
            LibC.posix_spawn_file_actions_adddup2(fa, stdout[1], 1);
            LibC.posix_spawn_file_actions_adddup2(fa, stderr[1], 2);
            closeTheRest(fa);
            if (spec.directory().isPresent()) {
                if (!LibC.Extensions.AVAILABLE) {
                    throw new Launcher.SpawnException("posix_spawn cannot chdir here (glibc older than 2.29)", null);
                }
                LibC.Extensions.posix_spawn_file_actions_addchdir_np(fa, spec.directory().get());
            }
            // A clean child: no blocked signals, default dispositions (the JVM's thread may block some).
            LibC.sigemptyset(noSignals);
            LibC.sigfillset(allSignals);
            LibC.posix_spawnattr_setsigmask(attr, noSignals);
            LibC.posix_spawnattr_setsigdefault(attr, allSignals);
            LibC.posix_spawnattr_setflags(attr, (short) (LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF));
            int[] pidOut = new int[1];
            StringArray argv = new StringArray(execLine.toArray(String[]::new));
            List<String> envList = new ArrayList<>();
            for (Map.Entry<String, String> e : spec.env().entrySet()) {
                envList.add(e.getKey() + "=" + e.getValue());
            }
            StringArray envp = new StringArray(envList.toArray(String[]::new));
            int rc = LibC.posix_spawnp(pidOut, execLine.get(0), fa, attr, argv, envp);
            if (rc != 0) {
                throw new Launcher.SpawnException(LibC.describe(rc), null);
            }
            pid = pidOut[0];
        } catch (Launcher.SpawnException e) {
            closeAll(stdout);
            closeAll(stderr);
            throw e;
        } finally {
            LibC.posix_spawn_file_actions_destroy(fa);
            LibC.posix_spawnattr_destroy(attr);
        }
        // Our copies of the child's ends must go, or the pipes never reach EOF.
        LibC.close(stdout[1]);
        LibC.close(stderr[1]);
        out.watch(stdout[0], OutputChannel.STDOUT, listener);
        out.watch(stderr[0], OutputChannel.STDERR, listener);
        exits.register(pid, listener::onExit);
        return new SocketChild(pid);
    }

    /** A pipe whose ends are close-on-exec, the read end non-blocking (for the pump). */
    private static int[] pipe() throws Launcher.SpawnException {
        int[] fds = new int[2];
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new Launcher.SpawnException(LibC.describe(LibC.errno()), null);
        }
        int flags = LibC.fcntl(fds[0], LibC.F_GETFL, 0);
        LibC.fcntl(fds[0], LibC.F_SETFL, flags | LibC.O_NONBLOCK);
        return fds;
    }

    private static void closeAll(int[] fds) {
        for (int fd : fds) {
            LibC.close(fd);
        }
    }

    /**
     * Nothing above fd 2 reaches the child: many JVM descriptors are not close-on-exec
     * (the JDK's own launcher closes them in the child too). glibc 2.34+ does it in one
     * action; otherwise every descriptor open now is listed.
     */
    private static void closeTheRest(Memory fa) {
        if (LibC.Extensions.AVAILABLE) {
            LibC.Extensions.posix_spawn_file_actions_addclosefrom_np(fa, 3);
            return;
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.map(p -> p.getFileName().toString()).filter(s -> s.chars().allMatch(Character::isDigit))
                    .mapToInt(Integer::parseInt).filter(fd -> fd > 2)
                    .forEach(fd -> LibC.posix_spawn_file_actions_addclose(fa, fd));
        } catch (IOException e) {
            // without /proc, descriptors that are not close-on-exec may leak into the child
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pump != null) {
            pump.close();
            pump = null;
        }
    }

    /** A child started here: signals go straight to it; it has no stdin pipe (fd 0 is the socket). */
    private record SocketChild(long pid) implements Launcher.Child {
        @Override
        public int signal(int sig, boolean group) {
            return Posix.sendSignal(group ? -pid : pid, sig);
        }

        @Override
        public boolean writeStdin(byte[] data) {
            return false;
        }

        @Override
        public void closeStdin() {
        }
    }
}
