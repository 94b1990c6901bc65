package org.jsupervisor.supervisord.http;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.jsupervisor.rpc.server.RpcReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /RPC2}: reads a bounded POST body without blocking, applies the CSRF policy, and
 * hands the body to the {@link RpcEndpoint}. The answer is written whenever the endpoint's
 * future completes, so a call that waits for a process to start holds no thread.
 *
 * <p>Status codes: 400 for a non-POST or a body that is not an XML-RPC call (as
 * Supervisor), 403 for a refused cross-site request, 413 for a body over the limit, 500
 * only if the endpoint itself breaks (logged, no stack trace sent).
 */
public final class RpcHttpHandler extends Handler.Abstract.NonBlocking {
    private static final Logger LOG = LoggerFactory.getLogger(RpcHttpHandler.class);

    private final RpcEndpoint endpoint;
    private final CsrfPolicy csrf;
    private final int maxBodyBytes;
    private final Object idleLock = new Object();
    private int inFlight;

    public RpcHttpHandler(RpcEndpoint endpoint, CsrfPolicy csrf, int maxBodyBytes) {
        this.endpoint = endpoint;
        this.csrf = csrf;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback handlerCallback) {
        Callback callback = track(handlerCallback);
        if (!HttpMethod.POST.is(request.getMethod())) {
            ErrorPages.send(response, callback, HttpStatus.BAD_REQUEST_400);
            return true;
        }
        Optional<String> refusal = csrf.refusal(request.getHeaders());
        if (refusal.isPresent()) {
            ErrorPages.send(response, callback, HttpStatus.FORBIDDEN_403, refusal.get());
            return true;
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            ErrorPages.send(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
            return true;
        }
        // A stalled client never completes this read: no thread waits on it.
        // BLOCKING: the continuation may read a log file, so Jetty must not run it on a selector.
        Content.Source.asByteArrayAsync(request, maxBodyBytes, Promise.Invocable.from(InvocationType.BLOCKING,
                (byte[] body, Throwable readFailure) -> {
                    if (readFailure != null) {
                        // Only an oversized chunked body or a broken connection get here.
                        response.getHeaders().put(HttpHeader.CONNECTION, "close");
                        ErrorPages.send(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
                        return;
                    }
                    // Long waits (startProcess with wait) must not be cut by the idle timeout.
                    request.addIdleTimeoutListener(timeout -> false);
                    dispatch(body, response, callback, request.getComponents().getExecutor());
                }));
        return true;
    }

    /**
     * Waits until no RPC answer is being computed or written, at most {@code millis}: the
     * answer to {@code shutdown} and {@code restart} must reach the client before the
     * servers close.
     */
    public void awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (idleLock) {
            long left;
            while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
                idleLock.wait(Math.max(1, left / 1_000_000L));
            }
        }
    }

    private Callback track(Callback callback) {
        synchronized (idleLock) {
            inFlight++;
        }
        return new Callback() {
            @Override
            public void succeeded() {
                done();
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                done();
                callback.failed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
    }

    private void done() {
        synchronized (idleLock) {
            inFlight--;
            idleLock.notifyAll();
        }
    }

    private void dispatch(byte[] body, Response response, Callback callback, Executor executor) {
        try {
            // Futures may complete on the engine thread: write the answer from a Jetty thread.
            endpoint.call(body).whenCompleteAsync((reply, failure) -> answer(reply, failure, response, callback),
                    executor);
        } catch (RuntimeException e) {
            answer(null, e, response, callback);
        }
    }

    private static void answer(RpcReply reply, Throwable failure, Response response, Callback callback) {
        if (failure != null || reply == null) {
            LOG.error("XML-RPC request failed unexpectedly", failure);
            ErrorPages.send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
            return;
        }
        if (reply.status() != HttpStatus.OK_200) {
            ErrorPages.send(response, callback, reply.status());
            return;
        }
        byte[] xml = reply.body();
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, RpcReply.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, xml.length);
        response.write(true, ByteBuffer.wrap(xml), callback);
    }
}
