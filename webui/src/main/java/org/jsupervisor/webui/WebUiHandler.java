package org.jsupervisor.webui;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Serves the web UI: the status page at {@code /} and {@code /index.html}, the tail page at
 * {@code /tail.html?processname=NAME}, {@code /ok.html} (Supervisor's health check) and the
 * page's CSS, JavaScript and icon under {@code /assets/}, all from this jar.
 *
 * <p>The pages are static: they never act on their query string (Supervisor's
 * {@code index.html?action=stop&processname=x} links do nothing here). Every action is an
 * XML-RPC POST that the page's script sends to {@code /RPC2} with the {@link CsrfToken} in a
 * header; this handler only embeds the token in the HTML. Paths it does not own
 * ({@code /RPC2}, {@code /logtail/...}, {@code /mainlogtail}, anything else) are left to the
 * next handler: {@link #handle} returns {@code false}. Only GET and HEAD are answered;
 * other methods on the UI's paths get 405.
 *
 * <p>Authentication is not done here: mount this handler behind the control plane's auth
 * wrapper. Thread-safe; all content is built in the constructor.
 */
public final class WebUiHandler extends Handler.Abstract.NonBlocking {

    /** Prefix of the static files; relative links in the pages point here. */
    static final String ASSET_PREFIX = "/assets/";

    /** Files under {@code /assets/}, in the jar under {@code assets/} next to this class. */
    static final List<String> ASSET_NAMES =
            List.of("app.css", "xmlrpc.js", "tailer.js", "status.js", "tail.js", "icon.svg");

    /**
     * Scripts and styles only from this origin; no inline code, no frames, no plugins; XML-RPC
     * calls only back to this origin.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private static final String NO_STORE = "no-store";
    private static final String REVALIDATE = "no-cache";
    private static final String FOREVER = "public, max-age=31536000, immutable";

    private final Map<String, Asset> assets;
    private final String assetVersion;
    private final Asset statusPage;
    private final Asset tailPage;
    private final Asset okPage;

    /**
     * @param token the daemon's token, also given to the {@code /RPC2} handler that checks it
     */
    public WebUiHandler(CsrfToken token) {
        Objects.requireNonNull(token, "token");
        Map<String, Asset> loaded = new LinkedHashMap<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String name : ASSET_NAMES) {
            byte[] bytes = Asset.load("assets/" + name);
            loaded.put(name, Asset.of(name, bytes));
            all.writeBytes(bytes);
        }
        this.assets = Map.copyOf(loaded);
        // Pages link to assets with ?v=<hash of all assets>, so browsers may cache assets for
        // good and still fetch new ones after an upgrade.
        this.assetVersion = Asset.sha256(all.toByteArray()).substring(0, 16);
        this.statusPage = page("index.html", token);
        this.tailPage = page("tail.html", token);
        this.okPage = Asset.of("ok.txt", "OK".getBytes(StandardCharsets.US_ASCII));
    }

    private Asset page(String name, CsrfToken token) {
        String html = Asset.loadText("pages/" + name)
                .replace("{{csrf}}", token.value())
                .replace("{{v}}", assetVersion);
        return Asset.of(name, html.getBytes(StandardCharsets.UTF_8));
    }

    /** The value the pages append as {@code ?v=} to asset links (for tests). */
    String assetVersion() {
        return assetVersion;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Asset asset;
        String cacheControl;
        switch (path) {
            case "/", "/index.html" -> {
                asset = statusPage;
                cacheControl = NO_STORE;
            }
            case "/tail.html" -> {
                asset = tailPage;
                cacheControl = NO_STORE;
            }
            case "/ok.html" -> {
                asset = okPage;
                cacheControl = NO_STORE;
            }
            default -> {
                if (!path.startsWith(ASSET_PREFIX)) {
                    return false;
                }
                asset = assets.get(path.substring(ASSET_PREFIX.length()));
                cacheControl = assetVersion.equals(queryParameter(request, "v")) ? FOREVER : REVALIDATE;
            }
        }
        HttpFields.Mutable headers = response.getHeaders();
        addSecurityHeaders(headers);
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!head && !HttpMethod.GET.is(method)) {
            headers.put(HttpHeader.ALLOW, "GET, HEAD");
            plain(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "Method not allowed\n", false);
            return true;
        }
        if (asset == null) {
            plain(response, callback, HttpStatus.NOT_FOUND_404, "Not found\n", head);
            return true;
        }
        headers.put(HttpHeader.CACHE_CONTROL, cacheControl);
        headers.put(HttpHeader.ETAG, asset.etag());
        String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (ifNoneMatch != null && !NO_STORE.equals(cacheControl) && etagListContains(ifNoneMatch, asset.etag())) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return true;
        }
        headers.put(HttpHeader.CONTENT_TYPE, asset.contentType());
        headers.put(HttpHeader.CONTENT_LENGTH, asset.bytes().length);
        response.setStatus(HttpStatus.OK_200);
        response.write(true, head ? null : ByteBuffer.wrap(asset.bytes()).asReadOnlyBuffer(), callback);
        return true;
    }

    private static void addSecurityHeaders(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        // Tail URLs carry process names; keep them from leaking to other sites. (Not
        // "no-referrer": some browsers then send "Origin: null" on the page's own POSTs.)
        headers.put("Referrer-Policy", "same-origin");
    }

    private static void plain(Response response, Callback callback, int status, String text, boolean head) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, NO_STORE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    }

    private static String queryParameter(Request request, String name) {
        try {
            Fields fields = Request.extractQueryParameters(request);
            return fields.getValue(name);
        } catch (RuntimeException badQuery) {
            // A malformed query string only costs the long cache lifetime.
            return null;
        }
    }

    private static boolean etagListContains(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag) || c.equals("*")) {
                return true;
            }
        }
        return false;
    }
}
