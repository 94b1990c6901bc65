package org.jsupervisor.supervisord.engine;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns children with glibc's {@code posix_spawn} and watches them with one {@link ChildIo}
 * thread and one {@link Reaper} thread, however many there are.
 *
 * <p>Java cannot run code between fork and exec. {@code posix_spawn} does, inside libc, what
 * Supervisor's forked child does before its exec: a new process group (so stopasgroup and
 * killasgroup reach the child's whole tree), the pipes on fds 0-2 ({@code redirect_stderr}
 * puts the stdout pipe on fd 2 too), every other descriptor closed, the working directory,
 * Supervisor's signal dispositions (see the constructor) and an empty signal mask. It clones with {@code CLONE_VM |
 * CLONE_VFORK}, so its cost does not grow with the daemon's memory and it is safe in a
 * multi-threaded JVM. What libc cannot do there is done by exec wrappers that replace
 * themselves with the program (the pid stays the program's): util-linux {@code setpriv} for
 * {@code user=} (uid, gid, supplementary groups), and {@code /bin/sh -c 'umask ..; exec ..'}
 * for {@code umask=}. See docs/engine.md.
 *
 * <p>Threading: {@link #spawn} may be called from any thread (spawns are serialised).
 * Listener callbacks come from the I/O and reaper threads as {@link Launcher} describes.
 */
public final class PosixSpawnLauncher implements Launcher {
    private static final Logger LOG = LoggerFactory.getLogger(PosixSpawnLauncher.class);

    private final Reaper reaper = new Reaper();
    private final ChildIo io = new ChildIo();
    private final String setpriv = firstExisting("/usr/bin/setpriv", "/bin/setpriv");
    // posix_spawn's attribute and file-action structs, reused by every spawn (under this lock)
    private final Object spawnLock = new Object();
    private final Memory fileActions = new Memory(LibcIo.SPAWN_STRUCT_BYTES);
    private final Memory attributes = new Memory(LibcIo.SPAWN_STRUCT_BYTES);
    private final Memory noSignals = new Memory(LibcIo.SIGSET_BYTES);
    private final Memory toDefault = new Memory(LibcIo.SIGSET_BYTES);

    /**
     * Children start as Supervisor's do: no signal blocked, SIGPIPE and SIGXFSZ ignored (a
     * Python daemon ignores both, and exec keeps an ignored signal ignored), every other signal
     * at its default. To get there the daemon ignores those two itself (the JVM's own handlers
     * for them do nothing either, so nothing changes for it), and every other signal number,
     * glibc's internal 32 and 33 included (glibc would otherwise leave those ignored in the
     * child), goes in posix_spawn's set-to-default set.
     */
    public PosixSpawnLauncher() {
        LibcIo.signal(LibcIo.SIGPIPE, LibcIo.SIG_IGN);
        LibcIo.signal(LibcIo.SIGXFSZ, LibcIo.SIG_IGN);
        LibcIo.sigemptyset(noSignals);
        toDefault.clear();
        // sigset_t bit n-1 is signal n; sigaddset refuses glibc's internal signals, so set bits directly
        toDefault.setLong(0, ~((1L << (LibcIo.SIGPIPE - 1)) | (1L << (LibcIo.SIGXFSZ - 1))));
    }

    private static String firstExisting(String... paths) {
        for (String p : paths) {
            if (new java.io.File(p).canExecute()) {
                return p;
            }
        }
        return "setpriv";
    }

    /**
     * The argv actually exec'd: wrappers, then the program. Without wrappers the program keeps
     * its argv[0] as written in the command ({@code ps} shows {@code sleep 10}, as under
     * Supervisor); a wrapper needs the resolved path to exec it.
     */
    List<String> execLine(Spec spec) {
        if (spec.user().isEmpty() && spec.umask().isEmpty()) {
            return spec.argv();
        }
        List<String> cmd = new ArrayList<>();
        spec.user().ifPresent(u -> {
            cmd.add(setpriv);
            cmd.add("--reuid=" + u.uid());
            cmd.add("--regid=" + u.gid());
            cmd.add("--init-groups");
            cmd.add("--");
        });
        String umask = spec.umask().map(m -> "umask " + String.format("%03o", m) + "; ").orElse("");
        if (chdirAfterUserSwitch(spec)) {
            cmd.add("/bin/sh");
            cmd.add("-c");
            cmd.add(CHDIR_AS_USER + umask + "exec \"$@\"");
            cmd.add("sh");
            cmd.add(spec.directory().get());
        } else if (!umask.isEmpty()) {
            cmd.add("/bin/sh");
            cmd.add("-c");
            cmd.add(umask + "exec \"$0\" \"$@\"");
        }
        cmd.add(spec.filename());
        cmd.addAll(spec.argv().subList(1, spec.argv().size()));
        return cmd;
    }

    /**
     * Supervisor's child changes user first, then directory, so a directory the user may not
     * enter fails as it does there ({@code couldn't chdir to DIR: EACCES}, status 127). After
     * {@code setpriv}, a shell does the chdir; the errno name comes from what the user can see.
     */
    private static final String CHDIR_AS_USER = "if ! cd -- \"$1\" 2>/dev/null; then "
            // the errno chdir(2) gives: that of the first component that fails, leftmost first
            + "e=; p=$1; while case $p in */*) p=${p%/*}; [ -n \"$p\" ];; *) false;; esac; do "
            + "if [ ! -e \"$p\" ]; then e=ENOENT; elif [ ! -d \"$p\" ]; then e=ENOTDIR; "
            + "elif [ ! -x \"$p\" ]; then e=EACCES; fi; done; "
            + "if [ -z \"$e\" ]; then if [ ! -e \"$1\" ]; then e=ENOENT; elif [ ! -d \"$1\" ]; then e=ENOTDIR; "
            + "else e=EACCES; fi; fi; "
            + "printf 'supervisor: %s\\nsupervisor: child process was not spawned\\n' "
            + "\"couldn't chdir to $1: $e\" >&2; exit 127; fi; shift; ";

    private static boolean chdirAfterUserSwitch(Spec spec) {
        return spec.user().isPresent() && spec.directory().isPresent();
    }

    @Override
    public Child spawn(Spec spec, ChildListener listener) throws SpawnException {
        return start(spec, -1, listener);
    }

    @Override
    public Child spawnWithStdin(Spec spec, int stdinFd, ChildListener listener) throws SpawnException {
        if (stdinFd < 0) {
            throw new SpawnException("EBADF", null);
        }
        return start(spec, stdinFd, listener);
    }

    private Child start(Spec spec, int givenStdin, ChildListener listener) throws SpawnException {
        // Pipes first, as Supervisor makes its dispatchers before it forks.
        int[] in = givenStdin < 0 ? LibcIo.pipe(false, true) : null;
        int[] out = LibcIo.pipe(true, false);
        int[] err = spec.redirectStderr() ? null : LibcIo.pipe(true, false);
        if ((givenStdin < 0 && in == null) || out == null || (!spec.redirectStderr() && err == null)) {
            int errno = LibcIo.errno();
            closeAll(in, out, err);
            throw new SpawnException(Errno.name(errno), null, SpawnException.Stage.PIPES, errno);
        }
        int childStdin = givenStdin < 0 ? in[0] : givenStdin;
        int pid;
        try {
            pid = posixSpawn(spec, childStdin, out[1], err == null ? out[1] : err[1]);
        } catch (SpawnException e) {
            closeAll(in, out, err);
            throw e;
        }
        // Our copies of the child's ends must go, or the pipes never reach end-of-file.
        if (in != null) {
            LibcIo.close(in[0]);
        }
        LibcIo.close(out[1]);
        if (err != null) {
            LibcIo.close(err[1]);
        }
        try {
            listener.onStart(pid);
        } catch (RuntimeException e) {
            LOG.error("start handler failed", e);
        }
        ChildIo.Stdin stdin = in == null ? null : io.openStdin(in[1]);
        ChildIo.Watched stdoutPipe;
        ChildIo.Watched stderrPipe = null;
        try {
            stdoutPipe = io.watch(out[0], OutputChannel.STDOUT, listener);
            if (err != null) {
                stderrPipe = io.watch(err[0], OutputChannel.STDERR, listener);
            }
        } catch (RuntimeException e) {
            // cannot watch its output (epoll refused): the child must not run unobserved
            Posix.sendSignal(pid, 9);
            reaper.register(pid, status -> { });
            if (stdin != null) {
                stdin.close(true);
            }
            throw new SpawnException(String.valueOf(e.getMessage()), e);
        }
        if (err == null) {
            listener.onEof(OutputChannel.STDERR); // fd 2 shares the stdout pipe: no stream of its own
        }
        reaper.register(pid, status -> {
            if (stdin != null) {
                stdin.close(true);
            }
            listener.onExit(status);
        });
        return new SpawnedChild(pid, stdin, stdoutPipe, stderrPipe);
    }

    /**
     * Runs {@code execLine} with the given descriptors on fds 0-2. An exec that fails (the file
     * changed since it was resolved, no interpreter, ...) becomes a child that reports it as
     * Supervisor's forked child would, on its stderr with exit status 127.
     */
    private int posixSpawn(Spec spec, int fd0, int fd1, int fd2) throws SpawnException {
        List<String> execLine = execLine(spec);
        String path = execLine == spec.argv() ? spec.filename() : execLine.get(0);
        synchronized (spawnLock) {
            int rc;
            try (NativeStrings strings = new NativeStrings(path, execLine, spec.env(), spec.directory().orElse(null))) {
                rc = spawnLocked(strings, fd0, fd1, fd2, spec.directory().isPresent() && !chdirAfterUserSwitch(spec));
                if (rc == 0) {
                    return strings.pid();
                }
            }
            if (rc == LibcIo.EAGAIN || rc == LibcIo.ENOMEM) {
                throw new SpawnException(Errno.name(rc), null, SpawnException.Stage.FORK, rc);
            }
            List<String> report = ChildSpecs.failureReport("couldn't exec " + spec.argv().get(0) + ": "
                    + Errno.name(rc));
            try (NativeStrings strings = new NativeStrings("/bin/sh", report, spec.env(), null)) {
                rc = spawnLocked(strings, fd0, fd1, fd2, false);
                if (rc == 0) {
                    return strings.pid();
                }
            }
            throw new SpawnException(Errno.name(rc), null, SpawnException.Stage.FORK, rc);
        }
    }

    private int spawnLocked(NativeStrings strings, int fd0, int fd1, int fd2, boolean chdir) throws SpawnException {
        LibcIo.posix_spawn_file_actions_init(fileActions);
        LibcIo.posix_spawnattr_init(attributes);
        try {
            LibcIo.posix_spawn_file_actions_adddup2(fileActions, fd0, 0);
            LibcIo.posix_spawn_file_actions_adddup2(fileActions, fd1, 1);
            LibcIo.posix_spawn_file_actions_adddup2(fileActions, fd2, 2);
            closeTheRest();
            if (chdir) {
                if (!LibcIo.Chdir.AVAILABLE) {
                    throw new SpawnException("posix_spawn cannot change directory with glibc before 2.29", null);
                }
                LibcIo.Chdir.posix_spawn_file_actions_addchdir_np(fileActions, strings.directory);
            }
            LibcIo.posix_spawnattr_setsigmask(attributes, noSignals);
            LibcIo.posix_spawnattr_setsigdefault(attributes, toDefault);
            LibcIo.posix_spawnattr_setpgroup(attributes, 0);
            LibcIo.posix_spawnattr_setflags(attributes, (short) (LibcIo.POSIX_SPAWN_SETSIGMASK
                    | LibcIo.POSIX_SPAWN_SETSIGDEF | LibcIo.POSIX_SPAWN_SETPGROUP));
            return LibcIo.posix_spawn(strings.pidSlot, strings.path, fileActions, attributes, strings.argv,
                    strings.envp);
        } finally {
            LibcIo.posix_spawn_file_actions_destroy(fileActions);
            LibcIo.posix_spawnattr_destroy(attributes);
        }
    }

    /**
     * Nothing above fd 2 may reach the child: many JVM descriptors are not close-on-exec.
     * glibc 2.34+ does it in one action (one {@code close_range} call); before that, every
     * descriptor open now is closed one by one.
     */
    private void closeTheRest() {
        if (LibcIo.Closefrom.AVAILABLE) {
            LibcIo.Closefrom.posix_spawn_file_actions_addclosefrom_np(fileActions, 3);
            return;
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .mapToInt(Integer::parseInt).filter(fd -> fd > 2)
                    .forEach(fd -> LibcIo.posix_spawn_file_actions_addclose(fileActions, fd));
        } catch (IOException e) {
            LOG.warn("cannot list /proc/self/fd; a child may inherit descriptors: {}", e.getMessage());
        }
    }

    private static void closeAll(int[]... pipes) {
        for (int[] p : pipes) {
            if (p != null) {
                LibcIo.close(p[0]);
                LibcIo.close(p[1]);
            }
        }
    }

    @Override
    public void close() {
        io.close();
        reaper.close();
    }

    /** A running child: signals go to it or its group; stdin through the I/O thread. */
    private record SpawnedChild(long pid, ChildIo.Stdin stdin, ChildIo.Watched stdout, ChildIo.Watched stderr)
            implements Child {
        @Override
        public int signal(int sig, boolean group) {
            return Posix.sendSignal(group ? -pid : pid, sig);
        }

        @Override
        public boolean writeStdin(byte[] data) {
            return stdin != null && stdin.write(data);
        }

        @Override
        public void closeStdin() {
            if (stdin != null) {
                stdin.close(false);
            }
        }

        @Override
        public void release() {
            if (stdin != null) {
                stdin.close(true);
            }
            stdout.release();
            if (stderr != null) {
                stderr.release();
            }
        }
    }

    /**
     * Everything one posix_spawn call reads, in one native block freed by {@link #close}: the
     * pid slot, argv and envp pointer arrays, the directory and the strings (UTF-8, as
     * Supervisor encodes them). One allocation instead of one per string.
     */
    static final class NativeStrings implements AutoCloseable {
        private static final int P = Native.POINTER_SIZE;

        private final Memory block;
        final Pointer pidSlot;
        final Pointer path;
        final Pointer argv;
        final Pointer envp;
        final Pointer directory;

        // layout: [pid:8][argv ptrs (n+1)][envp ptrs (m+1)][path][directory][argv strings][envp strings]
        NativeStrings(String path, List<String> argv, Map<String, String> env, String directory) {
            List<byte[]> args = new ArrayList<>(argv.size());
            for (String a : argv) {
                args.add(a.getBytes(StandardCharsets.UTF_8));
            }
            List<byte[]> vars = new ArrayList<>(env.size());
            for (Map.Entry<String, String> e : env.entrySet()) {
                vars.add((e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            byte[] file = path.getBytes(StandardCharsets.UTF_8);
            byte[] dir = directory == null ? new byte[0] : directory.getBytes(StandardCharsets.UTF_8);
            long argvAt = 8;
            long envpAt = argvAt + (long) (args.size() + 1) * P;
            long at = envpAt + (long) (vars.size() + 1) * P;
            long size = at + file.length + 1 + dir.length + 1;
            for (byte[] b : args) {
                size += b.length + 1;
            }
            for (byte[] b : vars) {
                size += b.length + 1;
            }
            block = new Memory(size);
            pidSlot = block.share(0);
            this.argv = block.share(argvAt);
            this.envp = block.share(envpAt);
            this.path = block.share(at);
            at = put(at, file);
            this.directory = block.share(at);
            at = put(at, dir);
            at = putAll(argvAt, at, args);
            putAll(envpAt, at, vars);
        }

        /** Writes each string after {@code at} and a null-terminated pointer array at {@code slots}. */
        private long putAll(long slots, long at, List<byte[]> strings) {
            for (byte[] b : strings) {
                block.setPointer(slots, block.share(at));
                at = put(at, b);
                slots += P;
            }
            block.setPointer(slots, null);
            return at;
        }

        private long put(long at, byte[] b) {
            block.write(at, b, 0, b.length);
            block.setByte(at + b.length, (byte) 0);
            return at + b.length + 1;
        }

        /** The pid posix_spawn wrote. */
        int pid() {
            return pidSlot.getInt(0);
        }

        @Override
        public void close() {
            block.close();
        }
    }
}
