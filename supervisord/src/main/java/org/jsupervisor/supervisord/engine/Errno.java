package org.jsupervisor.supervisord.engine;

/**
 * Linux errno numbers as symbolic names, the way Supervisor writes them in spawn errors
 * ({@code couldn't exec foo: ENOEXEC}). Only the numbers a spawn, a pipe or a chdir can
 * produce; others come out as the number, as Python's {@code errno.errorcode.get(n, n)} does.
 */
final class Errno {
    private static final String[] NAMES = {
        null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",
        "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
        "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE",
        "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLOCK", "ENAMETOOLONG", "ENOLCK", "ENOSYS",
        "ENOTEMPTY", "ELOOP",
    };

    private Errno() {
    }

    static String name(int errno) {
        return errno > 0 && errno < NAMES.length ? NAMES[errno] : String.valueOf(errno);
    }
}
