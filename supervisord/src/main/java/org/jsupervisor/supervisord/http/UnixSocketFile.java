package org.jsupervisor.supervisord.http;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Safe placement of the {@code [unix_http_server]} socket file.
 *
 * <p>Why not let Jetty bind the configured path directly: the socket would be created with
 * the process umask and be connectable before {@code chmod} runs, and a second daemon that
 * fails to start would delete the first one's socket when Jetty stops. Instead:
 * <ol>
 *   <li>{@link #stage} makes a private (0700) directory beside the target; Jetty binds
 *       and listens there, where nobody else can reach it;</li>
 *   <li>{@link #publish} applies {@code chmod}/{@code chown} to the bound socket, then
 *       hard-links it to the configured name. {@code link(2)} never replaces: if the name
 *       exists, we connect to it; a live daemon refuses start-up, a stale file is removed
 *       (with Supervisor's "Unlinking stale socket" notice) and we try again;</li>
 *   <li>{@link #unpublish} removes the name only while it is still our socket (same
 *       inode), so stopping never deletes somebody else's socket.</li>
 * </ol>
 * Not thread-safe; used once by the server start-up and shutdown sequence.
 */
final class UnixSocketFile {
    /** sun_path is 108 bytes including the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;
    private static final int PUBLISH_ATTEMPTS = 5;

    private final Path target;
    private final Path stagingDir;
    private final Path bindPath;
    private Object publishedKey;

    private UnixSocketFile(Path target, Path stagingDir) {
        this.target = target;
        this.stagingDir = stagingDir;
        this.bindPath = stagingDir.resolve("s");
    }

    /** Creates the private staging directory for {@code target}. */
    static UnixSocketFile stage(Path target) {
        Path abs = target.toAbsolutePath();
        checkLength(abs, abs);
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new StartupRefused("Cannot open an HTTP server: the directory of socket file " + abs
                    + " does not exist");
        }
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 10; attempt++) {
            byte[] b = new byte[3];
            random.nextBytes(b);
            Path dir = parent.resolve(".jsv" + HexFormat.of().formatHex(b));
            checkLength(dir.resolve("s"), abs);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return new UnixSocketFile(abs, dir);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                throw new StartupRefused("Cannot open an HTTP server: cannot create a directory next to " + abs
                        + ": " + e.getMessage(), e);
            }
        }
        throw new StartupRefused("Cannot open an HTTP server: no free temporary name next to " + abs);
    }

    private static void checkLength(Path path, Path configured) {
        if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new StartupRefused("Cannot open an HTTP server: socket file path " + configured
                    + " is too long (unix socket paths are limited to " + MAX_PATH_BYTES
                    + " bytes; the daemon also needs a few bytes for a temporary name)");
        }
    }

    /** Where Jetty must bind. */
    Path bindPath() {
        return bindPath;
    }

    /**
     * Applies mode and owner to the bound socket and links it under the configured name.
     *
     * @param notice receives Supervisor's "Unlinking stale socket" line
     */
    void publish(int mode, Optional<Integer> uid, Optional<Integer> gid, Consumer<String> notice) {
        try {
            // Following links is safe: the path is in our private directory. (Without it the
            // JDK opens the file to fchmod it, which a socket refuses.)
            Files.setAttribute(bindPath, "unix:mode", mode & 07777);
        } catch (IOException e) {
            throw new StartupRefused("Cannot open an HTTP server: cannot chmod socket " + target + ": " + e.getMessage(), e);
        }
        if (uid.isPresent() || gid.isPresent()) {
            try {
                if (uid.isPresent()) {
                    Files.setAttribute(bindPath, "unix:uid", uid.get());
                }
                if (gid.isPresent()) {
                    Files.setAttribute(bindPath, "unix:gid", gid.get());
                }
            } catch (IOException e) {
                throw new StartupRefused(String.format("Not permitted to chown %s to uid/gid (%d, %d); adjust "
                        + "\"sockchown\" value in config file or on command line to values that the current user "
                        + "(%s) can successfully chown", target, uid.orElse(-1), gid.orElse(-1),
                        System.getProperty("user.name")), e);
            }
        }
        for (int attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
            try {
                Files.createLink(target, bindPath);
                publishedKey = fileKey(target);
                return;
            } catch (FileAlreadyExistsException e) {
                if (isLive(target)) {
                    throw new StartupRefused(StartupRefused.IN_USE);
                }
                notice.accept("Unlinking stale socket " + target);
                try {
                    Files.deleteIfExists(target);
                } catch (IOException de) {
                    throw new StartupRefused("Cannot open an HTTP server: cannot remove stale socket " + target
                            + ": " + de.getMessage(), de);
                }
            } catch (IOException e) {
                throw new StartupRefused("Cannot open an HTTP server: cannot create socket " + target + ": "
                        + e.getMessage(), e);
            }
        }
        throw new StartupRefused("Cannot open an HTTP server: socket " + target + " keeps reappearing");
    }

    /** Removes the staging directory (the bound socket stays reachable through its link). */
    void removeStaging() {
        try {
            Files.deleteIfExists(bindPath);
            Files.deleteIfExists(stagingDir);
        } catch (IOException ignored) {
            // a leftover empty private directory is harmless
        }
    }

    /** Removes the configured name if it is still the socket we published. */
    void unpublish() {
        removeStaging();
        if (publishedKey == null) {
            return;
        }
        try {
            if (Objects.equals(fileKey(target), publishedKey)) {
                Files.deleteIfExists(target);
            }
        } catch (NoSuchFileException gone) {
            // already removed
        } catch (IOException ignored) {
            // leave it: a stale socket is replaced at the next start
        }
        publishedKey = null;
    }

    private static Object fileKey(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** True when something accepts connections on the socket file {@code p}. */
    static boolean isLive(Path p) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(p))) {
            return ch.isConnected();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** For messages. */
    @Override
    public String toString() {
        return target.toString();
    }
}
