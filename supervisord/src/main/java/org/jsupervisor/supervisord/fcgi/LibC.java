package org.jsupervisor.supervisord.fcgi;

import com.sun.jna.Native;

/**
 * The libc calls the fcgi support needs and the JDK does not offer: raw listening sockets,
 * so we know their descriptor numbers and can hand one to a child as its fd 0 (the engine's
 * launcher does that with {@code posix_spawn}). Direct-mapped with JNA; glibc on Linux.
 * Stateless and thread-safe.
 */
final class LibC {
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;

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

    static native String strerror(int errnum);

    static int errno() {
        return Native.getLastError();
    }

    /** Python's rendering of an OSError, which Supervisor's messages embed: {@code [Errno 98] Address already in use}. */
    static String describe(int errno) {
        return "[Errno " + errno + "] " + strerror(errno);
    }
}
