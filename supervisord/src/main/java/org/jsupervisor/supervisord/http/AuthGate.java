package org.jsupervisor.supervisord.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
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
 * Runs on the calling thread, never blocks.
 */
public final class AuthGate extends Handler.Wrapper {
    static final String CHALLENGE = "Basic realm=\"default\"";

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
            return unauthorized(response, callback);
        }
        String[] schemeAndValue = header.trim().split("\\s+", 2);
        if (!schemeAndValue[0].equalsIgnoreCase("basic") || schemeAndValue.length < 2) {
            return unauthorized(response, callback);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(schemeAndValue[1].trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            ErrorPages.send(response, callback, HttpStatus.BAD_REQUEST_400);
            return true;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return unauthorized(response, callback);
        }
        if (!required.get().accepts(decoded.substring(0, colon), decoded.substring(colon + 1))) {
            return unauthorized(response, callback);
        }
        return super.handle(request, response, callback);
    }

    private static boolean unauthorized(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, CHALLENGE);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        ErrorPages.send(response, callback, HttpStatus.UNAUTHORIZED_401);
        return true;
    }
}
