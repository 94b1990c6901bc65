package org.jsupervisor.supervisord.engine;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts child processes. The engine decides what to run; a launcher knows how (fork/exec
 * wrappers, pipes, reaping). The real one is {@link PosixSpawnLauncher}; state-machine tests
 * use a fake.
 */
public interface Launcher extends AutoCloseable {

    /**
     * Starts a child. Returns once it has a pid. Listener methods are called from I/O or
     * reaper threads (never the engine thread), each channel's output in order, and
     * {@link ChildListener#onExit} exactly once.
     *
     * @throws SpawnException if no process could be created (fork-level failure)
     */
    Child spawn(Spec spec, ChildListener listener) throws SpawnException;

    /**
     * Starts a child as {@link #spawn} does, but with {@code stdinFd} as its fd 0 instead of
     * a pipe: how an fcgi-program's processes get the pool's listening socket (issue 9,
     * {@code org.jsupervisor.supervisord.fcgi}). The child has no stdin to write to.
     * Launchers that cannot do this keep the default, which refuses.
     */
    default Child spawnWithStdin(Spec spec, int stdinFd, ChildListener listener) throws SpawnException {
        throw new SpawnException("this launcher cannot give a child a socket as stdin", null);
    }

    @Override
    void close();

    /**
     * What to run.
     *
     * @param filename       the resolved executable
     * @param argv           argv as Supervisor builds it (argv[0] as written in the command)
     * @param env            the complete environment
     * @param directory      working directory, already checked to exist
     * @param umask          umask for the child, if any
     * @param user           user to switch to, if any (already resolved)
     * @param redirectStderr send the child's fd 2 to the stdout pipe
     */
    record Spec(String filename, List<String> argv, Map<String, String> env, Optional<String> directory,
            Optional<Integer> umask, Optional<Posix.User> user, boolean redirectStderr) {
    }

    /** A running child. Thread-safe. */
    interface Child {
        long pid();

        /** Sends a signal to the child ({@code group=false}) or its process group. Returns 0 or errno. */
        int signal(int sig, boolean group);

        /** Queues bytes for the child's stdin (the launcher keeps {@code data} as it is). Returns false if closed. */
        boolean writeStdin(byte[] data);

        /** Closes the pipe to the child's stdin. */
        void closeStdin();

        /**
         * The child has exited and its exit is recorded: read what its stdout and stderr pipes
         * still hold, then close them and its stdin, even if a grandchild keeps them open (as
         * Supervisor does). Launchers that have nothing to release keep the default.
         */
        default void release() {
            closeStdin();
        }
    }

    /** Callbacks from a child. */
    interface ChildListener {
        /**
         * The child exists and has this pid; called before any {@link #onOutput}, possibly
         * before {@link Launcher#spawn} returns. Launchers that cannot tell leave it uncalled.
         */
        default void onStart(long pid) {
        }

        /** Output bytes; the buffer is only valid during the call. */
        void onOutput(OutputChannel channel, ByteBuffer data);

        /** The child's end of this pipe was closed (it exited, or closed the stream). */
        void onEof(OutputChannel channel);

        /** The child was reaped: its raw wait status (as waitpid reports it). */
        void onExit(int waitStatus);
    }

    /**
     * No process could be started. The message is the errno's name ({@code EMFILE}) or a
     * whole reason; the stage tells Subprocess which of Supervisor's spawnerr texts to use.
     */
    final class SpawnException extends Exception {
        /** Where the spawn failed: making the child's pipes, or creating the process. */
        public enum Stage { PIPES, FORK }

        private final Stage stage;
        private final int errno;

        public SpawnException(String message, Throwable cause) {
            this(message, cause, Stage.FORK, 0);
        }

        public SpawnException(String message, Throwable cause, Stage stage, int errno) {
            super(message, cause);
            this.stage = stage;
            this.errno = errno;
        }

        public Stage stage() {
            return stage;
        }

        /** The errno behind the failure, or 0 when there is none. */
        public int errno() {
            return errno;
        }
    }
}
