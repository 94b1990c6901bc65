package org.jsupervisor.supervisord.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Streams a growing file to one HTTP response, {@code tail -f} style, as Supervisor's
 * log tail endpoints do: first the last {@value #INITIAL_BYTES} bytes (or the whole file
 * if it is shorter), then whatever is appended. A truncated file restarts from its
 * beginning after a {@code ==> File truncated <==} line; a rotated file (new inode at the
 * path) is reopened and sent from its start.
 *
 * <p>Threading: each step runs on the Jetty scheduler or on a write-completion callback;
 * exactly one step is in flight at a time, so the fields need no locking. No thread is
 * held between polls. The stream ends when a write fails (client gone).
 */
final class TailStream {
    static final int INITIAL_BYTES = 1024;
    static final long POLL_MILLIS = 100;
    private static final int MAX_CHUNK = 64 * 1024;
    private static final int CHECK_CLIENT_EVERY = 10;
    private static final byte[] TRUNCATED = "==> File truncated <==\n".getBytes(StandardCharsets.UTF_8);

    private final Path path;
    private final Response response;
    private final Callback done;
    private final Scheduler scheduler;
    private final Runnable onEnd;
    private final BooleanSupplier clientGone;
    private volatile boolean ended;
    private int idlePolls;
    private FileChannel file;
    private Object fileKey;
    private long position;

    private TailStream(Path path, Response response, Callback done, Scheduler scheduler, Runnable onEnd,
            BooleanSupplier clientGone) {
        this.path = path;
        this.response = response;
        this.done = done;
        this.scheduler = scheduler;
        this.onEnd = onEnd;
        this.clientGone = clientGone;
    }

    /**
     * Opens {@code path} and starts streaming; the response headers must already be set.
     *
     * @param onEnd      run once when the stream ends, whatever the reason
     * @param clientGone asked about once a second while the log is quiet: true once the
     *                   client has closed its side (a write would only tell at the next output)
     * @return the stream, to {@link #abort} it when the connection fails
     */
    static TailStream start(Path path, Response response, Callback done, Scheduler scheduler, Runnable onEnd,
            BooleanSupplier clientGone) throws IOException {
        TailStream stream = new TailStream(path, response, done, scheduler, onEnd, clientGone);
        stream.open();
        long size = stream.file.size();
        stream.position = size >= INITIAL_BYTES ? size - INITIAL_BYTES : 0;
        // Commit the headers now, as Supervisor does, even if there is nothing to send yet.
        response.write(false, ByteBuffer.allocate(0), Callback.from(stream::poll, stream::fail));
        return stream;
    }

    /** Ends the stream at its next step (the client went away). */
    void abort(Throwable cause) {
        ended = true;
    }

    private void open() throws IOException {
        file = FileChannel.open(path, StandardOpenOption.READ);
        fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        position = 0;
    }

    private void poll() {
        if (ended) {
            fail(new java.io.EOFException("client gone"));
            return;
        }
        try {
            followRotation();
            long size = file.size();
            if (size < position) {
                position = 0;
                response.write(false, ByteBuffer.wrap(TRUNCATED), Callback.from(this::poll, this::fail));
                return;
            }
            if (size > position) {
                int n = (int) Math.min(MAX_CHUNK, size - position);
                ByteBuffer buf = ByteBuffer.allocate(n);
                while (buf.hasRemaining()) {
                    int r = file.read(buf, position + buf.position());
                    if (r <= 0) {
                        break;
                    }
                }
                buf.flip();
                position += buf.remaining();
                response.write(false, buf, Callback.from(this::poll, this::fail));
                return;
            }
            if (++idlePolls % CHECK_CLIENT_EVERY == 0 && clientGone.getAsBoolean()) {
                fail(new java.io.EOFException("client gone"));
                return;
            }
            scheduler.schedule(this::poll, POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void followRotation() throws IOException {
        Object current;
        try {
            current = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return; // removed and not yet recreated: keep reading the open file
        }
        if (!Objects.equals(current, fileKey)) {
            file.close();
            open();
        }
    }

    private void fail(Throwable cause) {
        ended = true;
        try {
            file.close();
        } catch (IOException ignored) {
            // nothing to do: the stream is over either way
        }
        onEnd.run();
        done.failed(cause);
    }
}
