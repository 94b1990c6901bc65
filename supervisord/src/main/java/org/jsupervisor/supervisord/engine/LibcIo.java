package org.jsupervisor.supervisord.engine;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls behind {@link PosixSpawnLauncher} and {@link ChildIo}: {@code posix_spawn}
 * with file actions, pipes, and epoll. The JDK offers none of them for descriptors it did not
 * open itself. Direct-mapped with JNA (no per-call reflection); glibc on Linux. Stateless
 * and thread-safe.
 */
final class LibcIo {
    static final int O_CLOEXEC = 02000000;
    static final int O_NONBLOCK = 04000;
    static final int F_SETFL = 4;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EMFILE = 24;
    static final int EPIPE = 32;
    static final int EPOLL_CLOEXEC = 02000000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLLIN = 0x001;
    static final int EPOLLOUT = 0x004;
    static final int EFD_CLOEXEC = 02000000;
    static final int EFD_NONBLOCK = 04000;
    static final short POSIX_SPAWN_SETPGROUP = 0x02;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    /** sizeof(posix_spawn_file_actions_t) is 80 and sizeof(posix_spawnattr_t) 336 on glibc LP64; leave room. */
    static final int SPAWN_STRUCT_BYTES = 512;
    static final int SIGSET_BYTES = 128;
    /** struct epoll_event is packed (12 bytes) on x86-64 only. */
    static final int EPOLL_EVENT_SIZE = isX86() ? 12 : 16;
    static final int EPOLL_DATA_OFFSET = isX86() ? 4 : 8;

    static {
        Native.register(LibcIo.class, "c");
    }

    private LibcIo() {
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    static native int close(int fd);

    static native int pipe2(int[] fds, int flags);

    static native int fcntl(int fd, int cmd, int arg);

    static native long read(int fd, Pointer buf, long count);

    static native long read(int fd, byte[] buf, long count);

    static native long write(int fd, Pointer buf, long count);

    static native long write(int fd, byte[] buf, long count);

    static native int eventfd(int initval, int flags);

    static native int epoll_create1(int flags);

    static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

    static native int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    static final int SIGPIPE = 13;
    static final int SIGXFSZ = 25;
    static final Pointer SIG_IGN = Pointer.createConstant(1);

    static native int sigemptyset(Pointer set);

    static native Pointer signal(int sig, Pointer handler);

    static native int posix_spawn_file_actions_init(Pointer fa);

    static native int posix_spawn_file_actions_destroy(Pointer fa);

    static native int posix_spawn_file_actions_adddup2(Pointer fa, int fd, int newfd);

    static native int posix_spawn_file_actions_addclose(Pointer fa, int fd);

    static native int posix_spawnattr_init(Pointer attr);

    static native int posix_spawnattr_destroy(Pointer attr);

    static native int posix_spawnattr_setflags(Pointer attr, short flags);

    static native int posix_spawnattr_setpgroup(Pointer attr, int pgroup);

    static native int posix_spawnattr_setsigmask(Pointer attr, Pointer set);

    static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer set);

    static native int posix_spawn(Pointer pid, Pointer path, Pointer fa, Pointer attr, Pointer argv, Pointer envp);

    static int errno() {
        return Native.getLastError();
    }

    /** A pipe with both ends close-on-exec and, if asked, a non-blocking end; null and errno set on failure. */
    static int[] pipe(boolean nonBlockingRead, boolean nonBlockingWrite) {
        int[] fds = new int[2];
        if (pipe2(fds, O_CLOEXEC) != 0) {
            return null;
        }
        // a new pipe has no other status flag to keep (F_SETFL leaves the access mode alone)
        if (nonBlockingRead) {
            fcntl(fds[0], F_SETFL, O_NONBLOCK);
        }
        if (nonBlockingWrite) {
            fcntl(fds[1], F_SETFL, O_NONBLOCK);
        }
        return fds;
    }

    /**
     * {@code posix_spawn_file_actions_addchdir_np}, glibc 2.29+. Bound on its own: a missing
     * symbol must not take the other calls down with it.
     */
    static final class Chdir {
        static final boolean AVAILABLE = register(Chdir.class);

        private Chdir() {
        }

        static native int posix_spawn_file_actions_addchdir_np(Pointer fa, Pointer path);
    }

    /** {@code posix_spawn_file_actions_addclosefrom_np}, glibc 2.34+. */
    static final class Closefrom {
        static final boolean AVAILABLE = register(Closefrom.class);

        private Closefrom() {
        }

        static native int posix_spawn_file_actions_addclosefrom_np(Pointer fa, int from);
    }

    private static boolean register(Class<?> bindings) {
        try {
            Native.register(bindings, "c");
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
