package org.jsupervisor.supervisord.logging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only log file with Supervisor's size rotation: after a write leaves the file
 * at or over {@code maxBytes}, it becomes {@code file.1} (older backups shift up to
 * {@code file.N}) and a new empty file is started; with 0 backups the file is just
 * truncated. A write is never split, so every byte lands, in order, in exactly one file.
 * Thread-safe (all methods synchronized); writes go straight to the kernel (no user-space
 * buffer), so readers opening the file see everything written so far.
 */
public final class RotatingFile implements AutoCloseable {
    private final Path path;
    private final long maxBytes;
    private final int backups;
    private FileChannel channel;
    private long size;

    public RotatingFile(Path path, long maxBytes, int backups) {
        this.path = path;
        this.maxBytes = maxBytes;
        this.backups = backups;
    }

    public Path path() {
        return path;
    }

    /** Opens (creating if needed) for appending. */
    public synchronized void open() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            size = channel.size();
        }
    }

    /** Writes all of {@code data}, then rotates if the file reached maxBytes. */
    public synchronized void write(ByteBuffer data) throws IOException {
        open();
        while (data.hasRemaining()) {
            size += channel.write(data);
        }
        if (maxBytes > 0 && size >= maxBytes) {
            rollover();
        }
    }

    public void write(byte[] data) throws IOException {
        write(ByteBuffer.wrap(data));
    }

    private void rollover() throws IOException {
        channel.close();
        channel = null;
        if (backups > 0) {
            for (int i = backups - 1; i >= 1; i--) {
                Path src = backup(i);
                if (Files.exists(src)) {
                    moveQuietly(src, backup(i + 1));
                }
            }
            moveQuietly(path, backup(1));
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        size = 0;
    }

    private static void moveQuietly(Path src, Path dst) throws IOException {
        try {
            Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // removed under us (a cleanup script): nothing to keep
        }
    }

    public Path backup(int i) {
        return path.resolveSibling(path.getFileName() + "." + i);
    }

    /** Closes and opens again (after logrotate moved the file away, on SIGUSR2). */
    public synchronized void reopen() throws IOException {
        close();
        open();
    }

    /** Deletes the file (not its backups, as Supervisor) and starts an empty one. */
    public synchronized void removeAndReopen() throws IOException {
        close();
        Files.deleteIfExists(path);
        open();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            FileChannel c = channel;
            channel = null;
            c.close();
        }
    }
}
