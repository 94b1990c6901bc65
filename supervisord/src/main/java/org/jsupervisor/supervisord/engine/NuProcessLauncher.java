package org.jsupervisor.supervisord.engine;

import com.zaxxer.nuprocess.NuProcess;
import com.zaxxer.nuprocess.NuProcessBuilder;
import com.zaxxer.nuprocess.NuProcessHandler;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Spawns children with NuProcess (one epoll thread per core multiplexes every child's
 * pipes; no thread per child) and reaps them with {@link Reaper}.
 *
 * <p>Java cannot run code between fork and exec, so what Supervisor does in the forked
 * child is done by exec wrappers that replace themselves with the program (the pid stays
 * the program's): util-linux {@code setsid} (own session and process group, so
 * stopasgroup/killasgroup reach the whole tree), {@code setpriv} (uid, gid, supplementary
 * groups) and, only when needed, {@code /bin/sh -c 'umask ..; exec 2>&1; exec "$0" "$@"'}
 * (umask and redirect_stderr onto the stdout pipe, keeping the interleaving exact).
 * See docs/engine.md.
 */
public final class NuProcessLauncher implements Launcher {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NuProcessLauncher.class);
    static {
        // We stop children ourselves, in priority order; NuProcess must not kill them at JVM exit.
        System.setProperty("com.zaxxer.nuprocess.enableShutdownHook", "false");
        // Soft-exit detection (EOF on both pipes) stays on: NuProcess then cleans up its fds.
    }

    // Pipes keep the kernel's 64 KiB: NuProcess reads one 64 KiB buffer per wake-up and, on
    // hang-up, closes without reading further, so a bigger pipe could lose its tail.

    private final Reaper reaper = new Reaper();
    /** fcgi hook (issue 9): spawns with a socket as fd 0; same exec line, same reaper. */
    private final org.jsupervisor.supervisord.fcgi.FdSpawner fdSpawner =
            new org.jsupervisor.supervisord.fcgi.FdSpawner(reaper::register);
    private final String setsid;
    private final String setpriv;

    public NuProcessLauncher() {
        this.setsid = firstExisting("/usr/bin/setsid", "/bin/setsid");
        this.setpriv = firstExisting("/usr/bin/setpriv", "/bin/setpriv");
    }

    private static String firstExisting(String... paths) {
        for (String p : paths) {
            if (new java.io.File(p).canExecute()) {
                return p;
            }
        }
        return null;
    }

    private static final java.lang.reflect.Field STDOUT_FIELD = pipeField("stdout");
    private static final java.lang.reflect.Field STDERR_FIELD = pipeField("stderr");

    private static java.lang.reflect.Field pipeField(String name) {
        try {
            java.lang.reflect.Field f = com.zaxxer.nuprocess.internal.BasePosixProcess.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** NuProcess's read end of a child pipe (it keeps it private), or -1. */
    private static int readFd(NuProcess proc, java.lang.reflect.Field f) {
        if (f == null) {
            return -1;
        }
        try {
            Object rc = f.get(proc);
            if (rc instanceof com.zaxxer.nuprocess.internal.ReferenceCountedFileDescriptor d) {
                int fd = d.acquire();
                d.release();
                return fd;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // fall back to /proc/<pid>/fd
        }
        return -1;
    }

    /** The argv actually exec'd: wrappers, then the program. */
    List<String> execLine(Spec spec) {
        List<String> cmd = new ArrayList<>();
        if (setsid != null) {
            cmd.add(setsid);
        }
        spec.user().ifPresent(u -> {
            cmd.add(setpriv == null ? "setpriv" : setpriv);
            cmd.add("--reuid=" + u.uid());
            cmd.add("--regid=" + u.gid());
            cmd.add("--init-groups");
            cmd.add("--");
        });
        if (spec.umask().isPresent() || spec.redirectStderr()) {
            StringBuilder script = new StringBuilder();
            spec.umask().ifPresent(m -> script.append("umask ").append(String.format("%03o", m)).append("; "));
            if (spec.redirectStderr()) {
                script.append("exec 2>&1; ");
            }
            script.append("exec \"$0\" \"$@\"");
            cmd.add("/bin/sh");
            cmd.add("-c");
            cmd.add(script.toString());
        }
        cmd.add(spec.filename());
        cmd.addAll(spec.argv().subList(1, spec.argv().size()));
        return cmd;
    }

    @Override
    public Child spawn(Spec spec, ChildListener listener) throws SpawnException {
        NuProcessBuilder pb = new NuProcessBuilder(execLine(spec), spec.env());
        spec.directory().ifPresent(d -> pb.setCwd(Path.of(d)));
        Handler handler = new Handler(listener);
        pb.setProcessListener(handler);
        NuProcess proc;
        try {
            proc = pb.start();
        } catch (RuntimeException e) {
            throw new SpawnException(String.valueOf(e.getMessage()), e);
        }
        if (proc == null || proc.getPID() <= 0) {
            throw new SpawnException("process could not be created", null);
        }
        long pid = proc.getPID();
        handler.pid = pid;
        handler.holdPipes(proc, pid);
        reaper.register(pid, handler::deliverExit);
        return new NuChild(proc, pid);
    }

    @Override
    public Child spawnWithStdin(Spec spec, int stdinFd, ChildListener listener) throws SpawnException {
        return fdSpawner.spawn(execLine(spec), spec, stdinFd, listener); // fcgi hook (issue 9)
    }

    @Override
    public void close() {
        fdSpawner.close();
        reaper.close();
    }

    private final class Handler implements NuProcessHandler {
        private final ChildListener listener;
        final AtomicBoolean exited = new AtomicBoolean();
        volatile long pid;
        volatile NuProcess process;
        private volatile int heldStdout = -1;
        private volatile int heldStderr = -1;

        Handler(ChildListener listener) {
            this.listener = listener;
        }

        /** Called by the reaper with the exact status: release the pipes, then report. */
        void deliverExit(int status) {
            releasePipes();
            if (exited.compareAndSet(false, true)) {
                try {
                    listener.onExit(status);
                } catch (RuntimeException e) {
                    LOG.error("exit handler failed", e);
                }
            }
        }

        @Override
        public void onPreStart(NuProcess nuProcess) {
            this.process = nuProcess;
        }

        @Override
        public void onStart(NuProcess nuProcess) {
            // NuProcess calls this before it queues the first read, so output events can name
            // the pid even when they come before spawn() has returned to the engine.
            try {
                listener.onStart(nuProcess.getPID());
            } catch (RuntimeException e) {
                LOG.error("start handler failed", e);
            }
        }

        /**
         * NuProcess reaps a child itself once both pipes reach EOF, and reports only a lossy
         * code. Holding another write end of the child's pipes delays that EOF until our reaper
         * has taken the exact status; then we release them and the output drains normally.
         */
        void holdPipes(NuProcess proc, long childPid) {
            // Through our own read end when NuProcess lets us see it (no wait on the child's
            // exec), else through the child's fd 1. One held pipe is enough to delay the EOF.
            int readFd = readFd(proc, STDOUT_FIELD);
            heldStdout = readFd >= 0 ? Posix.openWriteEndOfOwnPipe(readFd) : Posix.openPeerWriteEnd(childPid, 1);
            if (exited.get()) {
                releasePipes();
            }
        }

        private synchronized void releasePipes() {
            Posix.closeFd(heldStdout);
            Posix.closeFd(heldStderr);
            heldStdout = -1;
            heldStderr = -1;
        }

        @Override
        public void onExit(int exitCode) {
            if (exitCode == Integer.MAX_VALUE || exitCode == Integer.MAX_VALUE - 1) {
                return; // ECHILD: our reaper took the status
            }
            // NuProcess reaped it first (a child that died before we could hold its pipes):
            // rebuild a wait status from its lossy code (127 is MIN_VALUE; a signal number is
            // indistinguishable from an exit code there).
            if (pid > 0) {
                reaper.unregister(pid);
            }
            int code = exitCode == Integer.MIN_VALUE ? 127 : exitCode & 0xff;
            deliverExit(code << 8);
        }

        @Override
        public void onStdout(ByteBuffer buffer, boolean closed) {
            output(OutputChannel.STDOUT, buffer, closed);
        }

        @Override
        public void onStderr(ByteBuffer buffer, boolean closed) {
            output(OutputChannel.STDERR, buffer, closed);
        }

        /** Never lets an exception escape: NuProcess would stop its whole I/O loop. */
        private void output(OutputChannel channel, ByteBuffer buffer, boolean closed) {
            try {
                if (buffer.hasRemaining()) {
                    listener.onOutput(channel, buffer);
                }
            } catch (RuntimeException e) {
                LOG.error("output handler failed", e);
            } finally {
                buffer.position(buffer.limit());
            }
            if (closed) {
                try {
                    listener.onEof(channel);
                } catch (RuntimeException e) {
                    LOG.error("EOF handler failed", e);
                }
            }
        }

        @Override
        public boolean onStdinReady(ByteBuffer buffer) {
            return false;
        }
    }

    private static final class NuChild implements Child {
        private final NuProcess proc;
        private final long pid;
        private volatile boolean stdinClosed;

        NuChild(NuProcess proc, long pid) {
            this.proc = proc;
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public int signal(int sig, boolean group) {
            return Posix.sendSignal(group ? -pid : pid, sig);
        }

        @Override
        public boolean writeStdin(byte[] data) {
            if (stdinClosed || !proc.isRunning()) {
                return false;
            }
            proc.writeStdin(ByteBuffer.wrap(data));
            return true;
        }

        @Override
        public void closeStdin() {
            stdinClosed = true;
            proc.closeStdin(false);
        }
    }
}
