package org.jsupervisor.supervisord.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * {@code /logtail/<name>}, {@code /logtail/<name>/stderr} and {@code /mainlogtail}:
 * chunked, never-ending text streams of a log file, for {@code supervisorctl tail -f},
 * {@code maintail -f} and the web UI. 404 when the process is unknown or its log file does
 * not exist yet, 400 for anything but GET (both as Supervisor answers).
 */
public final class LogTailHandler extends Handler.Abstract.NonBlocking {
    private final TailSources sources;
    private final boolean main;
    private final AtomicInteger active = new AtomicInteger();

    private LogTailHandler(TailSources sources, boolean main) {
        this.sources = sources;
        this.main = main;
    }

    /** The handler for paths under {@code /logtail}. */
    public static LogTailHandler processLogs(TailSources sources) {
        return new LogTailHandler(sources, false);
    }

    /** The handler for {@code /mainlogtail}. */
    public static LogTailHandler mainLog(TailSources sources) {
        return new LogTailHandler(sources, true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        if (!HttpMethod.GET.is(request.getMethod())) {
            ErrorPages.send(response, callback, HttpStatus.BAD_REQUEST_400);
            return true;
        }
        Optional<Path> file = main ? sources.mainLog() : processFile(request);
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            ErrorPages.send(response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        Path path = file.get();
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.LAST_MODIFIED,
                org.eclipse.jetty.http.DateGenerator.formatDate(Files.getLastModifiedTime(path).toInstant()));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        if (!main) {
            // Ask a reverse proxy (nginx) not to buffer the stream.
            response.getHeaders().put("X-Accel-Buffering", "no");
        }
        // A quiet log must not end the stream through the idle timeout.
        request.addIdleTimeoutListener(timeout -> false);
        active.incrementAndGet();
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        TailStream stream = TailStream.start(path, response, callback, request.getComponents().getScheduler(),
                active::decrementAndGet, () -> closedByClient(endPoint));
        // Jetty reports a client that closes its connection here, so a quiet log does not
        // keep polling for a reader that is gone.
        request.addFailureListener(stream::abort);
        return true;
    }

    /**
     * Whether the client closed its side. Jetty does not read a connection while a response
     * is still being produced, so a client that leaves a quiet log would go unnoticed until
     * the next write. A tail response never ends, so nothing the client sends after its
     * request can matter: reading (and dropping) it here is safe.
     */
    private static boolean closedByClient(EndPoint endPoint) {
        try {
            ByteBuffer scratch = BufferUtil.allocate(512);
            int n;
            do {
                BufferUtil.clear(scratch);
                n = endPoint.fill(scratch);
            } while (n > 0);
            return n < 0;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Streams currently open (for tests and diagnostics). */
    public int activeStreams() {
        return active.get();
    }

    private Optional<Path> processFile(Request request) {
        String path = URIUtil.decodePath(request.getHttpURI().getPath());
        String rest = path.replaceFirst("^/+logtail/*", "");
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String channel = slash < 0 ? "stdout" : rest.substring(slash + 1);
        return sources.processLog(name, channel);
    }
}
