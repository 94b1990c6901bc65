package org.jsupervisor.supervisord.fcgi;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls the fcgi support needs and the JDK does not offer: raw listening sockets
 * (so we know their descriptor numbers), {@code posix_spawn} with file actions (so a child
 * can get a socket as fd 0), pipes and epoll for the child's output. Direct-mapped with
 * JNA; glibc on Linux. Stateless and thread-safe.
 */
final class LibC {
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int O_CLOEXEC = 02000000;
    static final int O_NONBLOCK = 04000;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int EAGAIN = 11;
    static final int EINTR = 4;
    static final int EPOLL_CLOEXEC = 02000000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLLIN = 0x001;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EFD_CLOEXEC = 02000000;
    static final int EFD_NONBLOCK = 04000;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    /** sizeof(posix_spawn_file_actions_t) is 80 and sizeof(posix_spawnattr_t) 336 on glibc LP64; leave room. */
    static final int SPAWN_STRUCT_BYTES = 512;
    static final int SIGSET_BYTES = 128;

    static {
        Native.register(LibC.class, "c");
    }

    private LibC() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, int[] value, int len);

    static native int bind(int fd, byte[] addr, int len);

    static native int listen(int fd, int backlog);

    static native int close(int fd);

    static native int chown(String path, int uid, int gid);

    static native int chmod(String path, int mode);

    static native int pipe2(int[] fds, int flags);

    static native int fcntl(int fd, int cmd, int arg);

    static native long read(int fd, Pointer buf, long count);

    static native long write(int fd, byte[] buf, long count);

    static native int eventfd(int initval, int flags);

    static native int epoll_create1(int flags);

    static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

    static native int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    static native String strerror(int errnum);

    static native int sigemptyset(Pointer set);

    static native int sigfillset(Pointer set);

    static native int posix_spawn_file_actions_init(Pointer fa);

    static native int posix_spawn_file_actions_destroy(Pointer fa);

    static native int posix_spawn_file_actions_adddup2(Pointer fa, int fd, int newfd);

    static native int posix_spawn_file_actions_addclose(Pointer fa, int fd);

    static native int posix_spawnattr_init(Pointer attr);

    static native int posix_spawnattr_destroy(Pointer attr);

    static native int posix_spawnattr_setflags(Pointer attr, short flags);

    static native int posix_spawnattr_setsigmask(Pointer attr, Pointer set);

    static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer set);

    static native int posix_spawnp(int[] pid, String file, Pointer fa, Pointer attr, Pointer argv, Pointer envp);

    static int errno() {
        return Native.getLastError();
    }

    /** Python's rendering of an OSError, which Supervisor's messages embed: {@code [Errno 98] Address already in use}. */
    static String describe(int errno) {
        return "[Errno " + errno + "] " + strerror(errno);
    }

    /**
     * glibc 2.29+/2.34+ extensions, bound separately: a missing symbol must not take the
     * basic calls above down with it.
     */
    static final class Extensions {
        static final boolean AVAILABLE;

        static {
            boolean ok;
            try {
                Native.register(Extensions.class, "c");
                ok = true;
            } catch (UnsatisfiedLinkError e) {
                ok = false;
            }
            AVAILABLE = ok;
        }

        private Extensions() {
        }

        static native int posix_spawn_file_actions_addclosefrom_np(Pointer fa, int from);

        static native int posix_spawn_file_actions_addchdir_np(Pointer fa, String path);
    }
}
