package org.jsupervisor.supervisord.http;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
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

    public RpcHttpHandler(RpcEndpoint endpoint, CsrfPolicy csrf, int maxBodyBytes) {
        this.endpoint = endpoint;
        this.csrf = csrf;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
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
        Content.Source.asByteArrayAsync(request, maxBodyBytes).whenComplete((body, readFailure) -> {
            if (readFailure != null) {
                // Only an oversized chunked body or a broken connection get here.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                ErrorPages.send(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
                return;
            }
            // Long waits (startProcess with wait) must not be cut by the idle timeout.
            request.addIdleTimeoutListener(timeout -> false);
            dispatch(body, response, callback);
        });
        return true;
    }

    private void dispatch(byte[] body, Response response, Callback callback) {
        try {
            endpoint.call(body).whenComplete((xml, failure) -> answer(xml, failure, response, callback));
        } catch (RuntimeException e) {
            answer(null, e, response, callback);
        }
    }

    private static void answer(byte[] xml, Throwable failure, Response response, Callback callback) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RpcEndpoint.MalformedRpcRequest bad) {
            LOG.debug("XML-RPC request refused: {}", bad.getMessage());
            ErrorPages.send(response, callback, HttpStatus.BAD_REQUEST_400, bad.getMessage());
            return;
        }
        if (cause != null) {
            LOG.error("XML-RPC request failed unexpectedly", cause);
            ErrorPages.send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
            return;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, xml.length);
        response.write(true, ByteBuffer.wrap(xml), callback);
    }
}
