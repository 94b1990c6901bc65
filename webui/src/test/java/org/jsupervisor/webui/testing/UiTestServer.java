package org.jsupervisor.webui.testing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.jsupervisor.webui.CsrfToken;
import org.jsupervisor.webui.StatusSource;
import org.jsupervisor.webui.WebUiHandler;

/**
 * What the control plane will build, reduced for tests: basic auth around the
 * {@link WebUiHandler} and an {@code /RPC2} handler that applies the CSRF check and hands the
 * request body to {@code backend} (a real supervisord). Records the requests it forwards.
 */
public final class UiTestServer implements AutoCloseable {

    public static final String USER = "admin";
    public static final String PASSWORD = "s3cret pass";

    private final Server server;
    private volatile CsrfToken token = CsrfToken.random();
    private volatile StatusSource statusSource;
    private volatile WebUiHandler ui = new WebUiHandler(token);
    private volatile boolean backendDown;
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    public UiTestServer(UnaryOperator<String> backend) throws Exception {
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        Handler rpc = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!"/RPC2".equals(Request.getPathInContext(request))) {
                    return false;
                }
                if (!HttpMethod.POST.is(request.getMethod())) {
                    Response.writeError(request, response, callback, 405);
                    return true;
                }
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                if (!token.permits(request.getHeaders())) {
                    refused.add(body);
                    Response.writeError(request, response, callback, 403);
                    return true;
                }
                if (backendDown) {
                    Response.writeError(request, response, callback, 502);
                    return true;
                }
                forwarded.add(body);
                String answer = backend.apply(body);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
                Content.Sink.write(response, true, answer, callback);
                return true;
            }
        };
        Handler currentUi = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return ui.handle(request, response, callback);
            }
        };
        server.setHandler(new BasicAuth(new Handler.Sequence(currentUi, rpc)));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/";
    }

    /** The base URL with the credentials in it, as a sysadmin may bookmark it. */
    public String baseUrlWithCredentials() {
        return baseUrl().replace("http://", "http://" + USER + ":" + PASSWORD.replace(" ", "%20") + "@");
    }

    public CsrfToken token() {
        return token;
    }

    /** While down, /RPC2 answers 502, as a proxy in front of a stopped daemon would. */
    public void setBackendDown(boolean down) {
        backendDown = down;
    }

    /** What a daemon restart does to open pages: a new token for the UI and for /RPC2. */
    public void rotateToken() {
        CsrfToken fresh = CsrfToken.random();
        ui = new WebUiHandler(fresh, statusSource);
        token = fresh;
    }

    /** Pages rendered on the server from {@code source} from now on; null for script-only pages. */
    public void setStatusSource(StatusSource source) {
        statusSource = source;
        ui = new WebUiHandler(token, source);
    }

    /** XML-RPC bodies that passed the CSRF check and reached the daemon. */
    public List<String> forwarded() {
        return forwarded;
    }

    /** XML-RPC bodies refused for a missing or wrong token. */
    public List<String> refused() {
        return refused;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class BasicAuth extends Handler.Wrapper {
        private final String expected = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        BasicAuth(Handler next) {
            super(next);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!expected.equals(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
                response.setStatus(401);
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"default\"");
                Content.Sink.write(response, true, "Unauthorized\n", callback);
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
