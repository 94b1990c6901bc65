package org.jsupervisor.supervisord.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The single authentication gate in front of every route (RPC, log tails, web UI).
 *
 * <p>Each server section ({@code [inet_http_server]}, {@code [unix_http_server]}) has its
 * own credentials, so the gate looks them up by the name of the connector the request
 * arrived on. A connector with no entry is refused outright (fail closed); a connector
 * mapped to {@link Optional#empty()} is open, as a section without {@code username} is in
 * Supervisor.
 *
 * <p>Refusals answer 401 with {@code WWW-Authenticate: Basic realm="default"} and close
 * the connection, like Supervisor; an undecodable {@code Authorization} value is a 400.
 * Like Supervisor, a refusal first reads and drops the request body (up to
 * {@link #DRAIN_LIMIT} declared bytes): closing while a client still writes its body would
 * give it a broken pipe instead of the 401. Runs on the calling thread, never blocks (the
 * body is read asynchronously).
 */
public final class AuthGate extends Handler.Wrapper {
    static final String CHALLENGE = "Basic realm=\"default\"";
    /** Larger (or chunked) bodies of refused requests are not read: the answer goes at once. */
    static final long DRAIN_LIMIT = 1 << 20;

    private final Map<String, Optional<Credentials>> byConnector;

    public AuthGate(Map<String, Optional<Credentials>> byConnector, Handler next) {
        super(next);
        this.byConnector = Map.copyOf(byConnector);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connector connector = request.getConnectionMetaData().getConnector();
        Optional<Credentials> required = byConnector.get(connector.getName());
        if (required != null && required.isEmpty()) {
            return super.handle(request, response, callback);
        }
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (required == null || header == null) {
            return unauthorized(request, response, callback);
        }
        String[] schemeAndValue = header.trim().split("\\s+", 2);
        if (!schemeAndValue[0].equalsIgnoreCase("basic") || schemeAndValue.length < 2) {
            return unauthorized(request, response, callback);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(schemeAndValue[1].trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return refuse(request, response, callback, HttpStatus.BAD_REQUEST_400);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return unauthorized(request, response, callback);
        }
        if (!required.get().accepts(decoded.substring(0, colon), decoded.substring(colon + 1))) {
            return unauthorized(request, response, callback);
        }
        return super.handle(request, response, callback);
    }

    private static boolean unauthorized(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, CHALLENGE);
        return refuse(request, response, callback, HttpStatus.UNAUTHORIZED_401);
    }

    private static boolean refuse(Request request, Response response, Callback callback, int status) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        long length = request.getLength();
        if (length <= 0 || length > DRAIN_LIMIT) {
            ErrorPages.send(response, callback, status);
        } else {
            Content.Source.consumeAll(request,
                    Callback.from(() -> ErrorPages.send(response, callback, status), callback::failed));
        }
        return true;
    }
}
