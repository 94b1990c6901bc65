package org.jsupervisor.supervisord.fcgi;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsupervisor.common.config.FcgiSocketConfig;

/**
 * One bound, listening socket of an fcgi-program, made with libc calls rather than a
 * {@code ServerSocketChannel} because we need its descriptor number to hand it to children,
 * and the JDK hides that. The descriptor is close-on-exec: only the children we put it on
 * fd 0 for get it. Not thread-safe; its owner confines it.
 */
final class ListeningSocket implements AutoCloseable {
    /** Python's socket.SOMAXCONN here; the kernel caps it at net.core.somaxconn anyway. */
    static final int SOMAXCONN = 4096;
    private static final Pattern TCP = Pattern.compile("tcp://(.+):(\\d+)");
    private static final int UNIX_PATH_MAX = 108;

    private final String url;
    private final Path unixPath;
    private final Object unixInode;
    private int fd;

    private ListeningSocket(String url, int fd, Path unixPath, Object unixInode) {
        this.url = url;
        this.fd = fd;
        this.unixPath = unixPath;
        this.unixInode = unixInode;
    }

    /** The descriptor, or -1 once closed. */
    int fd() {
        return fd;
    }

    String url() {
        return url;
    }

    /**
     * Creates, binds and listens as Supervisor does: TCP with SO_REUSEADDR; a unix socket
     * replaces whatever is at its path, gets {@code socket_owner} then {@code socket_mode}.
     * Unlike Supervisor, the unix socket is bound under a temporary name and renamed into
     * place once its owner and mode are set, so nobody can connect while it still has the
     * umask's permissions.
     *
     * @throws IOException with Supervisor's kind of message ({@code [Errno 98] Address already in use})
     */
    static ListeningSocket open(FcgiSocketConfig config) throws IOException {
        String url = config.url();
        int backlog = config.backlog().orElse(SOMAXCONN);
        if (url.startsWith("unix://")) {
            return openUnix(config, Path.of(url.substring("unix://".length())), backlog);
        }
        Matcher m = TCP.matcher(url);
        if (!m.matches()) {
            throw new IOException("unsupported socket url " + url);
        }
        return openTcp(url, m.group(1), Integer.parseInt(m.group(2)), backlog);
    }

    private static ListeningSocket openTcp(String url, String host, int port, int backlog) throws IOException {
        byte[] ip = ipv4(host);
        byte[] addr = new byte[16];
        addr[0] = (byte) LibC.AF_INET; // sa_family is host order (little-endian on our targets)
        addr[2] = (byte) (port >> 8);
        addr[3] = (byte) port;
        System.arraycopy(ip, 0, addr, 4, 4);
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException(LibC.describe(LibC.errno()));
        }
        try {
            check(LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, new int[] {1}, 4));
            check(LibC.bind(fd, addr, addr.length));
            check(LibC.listen(fd, backlog));
        } catch (IOException e) {
            LibC.close(fd);
            throw e;
        }
        return new ListeningSocket(url, fd, null, null);
    }

    private static byte[] ipv4(String host) throws IOException {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a instanceof Inet4Address) {
                    return a.getAddress();
                }
            }
        } catch (UnknownHostException e) {
            // Python's gaierror for an unknown name
            throw new IOException("[Errno -2] Name or service not known");
        }
        throw new IOException("[Errno -9] Address family for hostname not supported");
    }

    private static ListeningSocket openUnix(FcgiSocketConfig config, Path path, int backlog) throws IOException {
        if (path.toString().getBytes(StandardCharsets.UTF_8).length >= UNIX_PATH_MAX) {
            throw new IOException("AF_UNIX path too long");
        }
        Path temp = path.resolveSibling(path.getFileName() + "." + Integer.toHexString(
                ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
        Path bindAt = temp.toString().getBytes(StandardCharsets.UTF_8).length < UNIX_PATH_MAX ? temp : path;
        if (bindAt.equals(path)) {
            Files.deleteIfExists(path);
        }
        int fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException(LibC.describe(LibC.errno()));
        }
        boolean bound = false;
        try {
            byte[] name = bindAt.toString().getBytes(StandardCharsets.UTF_8);
            byte[] addr = new byte[2 + name.length + 1];
            addr[0] = (byte) LibC.AF_UNIX;
            System.arraycopy(name, 0, addr, 2, name.length);
            check(LibC.bind(fd, addr, addr.length));
            bound = true;
            String where = bindAt.toString();
            if (config.ownerUid().isPresent()) {
                if (LibC.chown(where, config.ownerUid().get(), config.ownerGid().orElse(-1)) != 0) {
                    throw new IOException("Could not change ownership of socket file: " + LibC.describe(LibC.errno()));
                }
            }
            if (config.mode().isPresent()) {
                if (LibC.chmod(where, config.mode().get()) != 0) {
                    throw new IOException("Could not change permissions of socket file: "
                            + LibC.describe(LibC.errno()));
                }
            }
            check(LibC.listen(fd, backlog));
            if (!bindAt.equals(path)) {
                // rename(2) replaces an old socket file atomically, as Supervisor's unlink+bind does
                Files.move(bindAt, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Object inode = Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            return new ListeningSocket(config.url(), fd, path, inode);
        } catch (IOException | RuntimeException e) {
            LibC.close(fd);
            if (bound) {
                Files.deleteIfExists(bindAt);
            }
            throw e;
        }
    }

    private static void check(int rc) throws IOException {
        if (rc != 0) {
            throw new IOException(LibC.describe(LibC.errno()));
        }
    }

    /**
     * Closes the socket; a unix socket's file is removed too if it is still ours (Supervisor
     * leaves it behind, where it only refuses connections).
     */
    @Override
    public void close() {
        if (fd < 0) {
            return;
        }
        LibC.close(fd);
        fd = -1;
        if (unixPath != null) {
            try {
                Object now = Files.getAttribute(unixPath, "unix:ino", LinkOption.NOFOLLOW_LINKS);
                if (now.equals(unixInode)) {
                    Files.delete(unixPath);
                }
            } catch (IOException | RuntimeException e) {
                // already gone, or replaced by someone else's: leave it
            }
        }
    }
}
