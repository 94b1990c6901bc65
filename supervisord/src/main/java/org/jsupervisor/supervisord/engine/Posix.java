package org.jsupervisor.supervisord.engine;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.util.Optional;

/**
 * The few libc calls the JDK does not offer: signals to pids and process groups, reaping
 * one known pid, umask, uids, user lookup and resource limits. Direct-mapped with JNA.
 * Stateless; every method is thread-safe.
 */
public final class Posix {
    public static final int ESRCH = 3;
    public static final int WNOHANG = 1;
    public static final int RLIMIT_NPROC = 6;
    public static final int RLIMIT_NOFILE = 7;

    static {
        Native.register(Posix.class, "c");
    }

    private Posix() {
    }

    private static native int kill(int pid, int sig);

    private static native int waitpid(int pid, int[] status, int options);

    private static native int waitid(int idtype, int id, byte[] infop, int options);

    private static final int P_ALL = 0;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    public static final int EINTR = 4;

    /**
     * Blocks until some child of this process has exited and returns its pid WITHOUT
     * reaping it (WNOWAIT), so that whoever owns that child still gets its status.
     *
     * @return the pid, or {@code -errno} (e.g. {@code -ECHILD} when there are no children)
     */
    public static int awaitAnyExit() {
        byte[] info = new byte[128];
        int rc = waitid(P_ALL, 0, info, WEXITED | WNOWAIT);
        if (rc != 0) {
            return -Native.getLastError();
        }
        // siginfo_t on Linux: si_signo, si_errno, si_code (ints), then si_pid at offset 16 on LP64
        return (info[16] & 0xff) | (info[17] & 0xff) << 8 | (info[18] & 0xff) << 16 | (info[19] & 0xff) << 24;
    }

    private static native int umask(int mask);

    private static native int getpid();

    private static native int getuid();

    private static native int geteuid();

    private static native Pointer getpwnam(String name);

    private static native Pointer getpwuid(int uid);

    private static native int getrlimit(int resource, long[] rlim);

    private static native int setrlimit(int resource, long[] rlim);

    private static native int setsid();

    private static native int close(int fd);

    private static native int open(String path, int flags);

    private static native int dup2(int oldfd, int newfd);

    private static native int initgroups(String user, int group);

    private static native int setgid(int gid);

    private static native int setuid(int uid);

    private static native int chdir(String path);

    /**
     * Drops this process's privileges to {@code user} (supplementary groups, gid, uid), as
     * Supervisor does for {@code [supervisord] user}. glibc applies set*id to every thread.
     *
     * @return null on success, or Supervisor's error text
     */
    public static String dropPrivileges(User user) {
        if (uid() == user.uid()) {
            return null;
        }
        if (uid() != 0) {
            return "Can't drop privilege as nonroot user";
        }
        if (initgroups(user.name(), user.gid()) != 0) {
            return "Could not set groups of effective user";
        }
        if (setgid(user.gid()) != 0) {
            return "Could not set group id of effective user";
        }
        if (setuid(user.uid()) != 0) {
            return "Could not set user id of effective user";
        }
        return null;
    }

    /** Points fds 0, 1 and 2 at /dev/null (a daemon's last step before running detached). */
    public static void detachStdio() {
        int fd = open("/dev/null", 02);
        if (fd >= 0) {
            dup2(fd, 0);
            dup2(fd, 1);
            dup2(fd, 2);
            if (fd > 2) {
                close(fd);
            }
        }
    }

    /** chdir(2) for the whole process (Java has no API for it). Returns 0 or the errno. */
    public static int changeDirectory(String path) {
        return chdir(path) == 0 ? 0 : Native.getLastError();
    }

    /** Sends {@code sig} to {@code pid} (negative: to the process group). Returns 0 or the errno. */
    public static int sendSignal(long pid, int sig) {
        int rc = kill((int) pid, sig);
        return rc == 0 ? 0 : Native.getLastError();
    }

    /**
     * Reaps {@code pid} if it has exited, without blocking. Never called with -1: reaping
     * any child would steal the statuses other code waits for.
     *
     * @return the raw wait status, {@code null} if still running, or {@code -ECHILD}-style
     *         negative errno if it is not our child (any more)
     */
    public static Integer reap(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("refusing to wait for pid " + pid);
        }
        int[] st = new int[1];
        int rc = waitpid((int) pid, st, WNOHANG);
        if (rc == 0) {
            return null;
        }
        if (rc < 0) {
            return -Native.getLastError() - 1_000_000;
        }
        return st[0];
    }

    /** Whether a value from {@link #reap} is an error rather than a status. */
    public static boolean isReapError(int value) {
        return value <= -1_000_000;
    }

    public static int setUmask(int mask) {
        return umask(mask);
    }

    public static long pid() {
        return getpid();
    }

    public static int uid() {
        return getuid();
    }

    public static int euid() {
        return geteuid();
    }

    public static int newSession() {
        return setsid();
    }

    /** A password-database entry. */
    public record User(String name, int uid, int gid, String home) {
    }

    /** Looks up a user by name, or by number when {@code user} is all digits. */
    public static Optional<User> lookupUser(String user) {
        Pointer p;
        if (!user.isEmpty() && user.chars().allMatch(Character::isDigit)) {
            p = getpwuid(Integer.parseInt(user));
        } else {
            p = getpwnam(user);
        }
        if (p == null) {
            return Optional.empty();
        }
        Passwd pw = new Passwd(p);
        pw.read();
        return Optional.of(new User(pw.pw_name, pw.pw_uid, pw.pw_gid, pw.pw_dir));
    }

    /** [soft, hard] limits, or null on error. */
    public static long[] rlimit(int resource) {
        long[] r = new long[2];
        return getrlimit(resource, r) == 0 ? r : null;
    }

    /** Returns 0 or the errno. */
    public static int setRlimit(int resource, long soft, long hard) {
        return setrlimit(resource, new long[] {soft, hard}) == 0 ? 0 : Native.getLastError();
    }

    /** Linux {@code struct passwd}. */
    @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"})
    public static final class Passwd extends Structure {
        public String pw_name;
        public String pw_passwd;
        public int pw_uid;
        public int pw_gid;
        public String pw_gecos;
        public String pw_dir;
        public String pw_shell;

        public Passwd(Pointer p) {
            super(p);
        }
    }

    /** Exit status of a raw wait status, or -1 if killed by a signal. */
    public static int exitStatus(int status) {
        return termSignal(status) == 0 ? (status >> 8) & 0xff : -1;
    }

    /** The terminating signal of a raw wait status, 0 if it exited normally. */
    public static int termSignal(int status) {
        int sig = status & 0x7f;
        return sig == 0 || sig == 0x7f ? 0 : sig;
    }
}
