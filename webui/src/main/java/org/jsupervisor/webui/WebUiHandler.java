package org.jsupervisor.webui;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Serves the web UI: the status page at {@code /} and {@code /index.html}, the tail page at
 * {@code /tail.html?processname=NAME}, {@code /ok.html} (Supervisor's health check) and the
 * page's CSS, JavaScript and icon under {@code /assets/}, all from this jar.
 *
 * <p>Given a {@link StatusSource}, the status page arrives with the process table already
 * in it and the tail page with the end of the log, so both read without JavaScript (text
 * browsers, {@code curl | grep statuserror}); the scripts then replace that content and keep
 * it live. Without a source the pages are the same bytes for everyone and fill themselves by
 * script.
 *
 * <p>The pages never act on their query string (Supervisor's
 * {@code index.html?action=stop&processname=x} links do nothing here). Every action is an
 * XML-RPC POST that the page's script sends to {@code /RPC2} with the {@link CsrfToken} in a
 * header; this handler only embeds the token in the HTML. Paths it does not own
 * ({@code /RPC2}, {@code /logtail/...}, {@code /mainlogtail}, anything else) are left to the
 * next handler: {@link #handle} returns {@code false}. Only GET and HEAD are answered;
 * other methods on the UI's paths get 405.
 *
 * <p>Authentication is not done here: mount this handler behind the control plane's auth
 * wrapper. Thread-safe. Without a source it never blocks; with one, a page request waits for
 * the source's snapshot (the handler then declares itself blocking, so Jetty runs it on a
 * pool thread).
 */
public final class WebUiHandler extends Handler.Abstract {

    /** Prefix of the static files; relative links in the pages point here. */
    static final String ASSET_PREFIX = "/assets/";

    /** Files under {@code /assets/}, in the jar under {@code assets/} next to this class. */
    static final List<String> ASSET_NAMES =
            List.of("app.css", "noscript.css", "xmlrpc.js", "tailer.js", "status.js", "tail.js",
                    "icon.svg");

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
    /** The tail page's first text when the URL gives no {@code limit} (as tail.js follows). */
    static final int DEFAULT_TAIL_BYTES = 16384;
    /** Bounds on {@code limit}: Supervisor's minimum, and a page a browser still renders well. */
    static final int MIN_TAIL_BYTES = 1024;
    static final int MAX_TAIL_BYTES = 1024 * 1024;

    private static final String STATUS_NOSCRIPT = "Without JavaScript this page shows the processes "
            + "as they were when it was loaded: reload it to see changes, and use supervisorctl to "
            + "start or stop them.";
    private static final String TAIL_NOSCRIPT = "Without JavaScript this page shows the end of the log "
            + "as it was when it was loaded: reload it to see new output.";

    private final Map<String, Asset> assets;
    private final String assetVersion;
    private final Template statusTemplate;
    private final Template tailTemplate;
    private final Asset statusPage;
    private final Asset tailPage;
    private final Asset okPage;
    private final StatusSource source;

    /**
     * Pages without server-rendered content: the scripts fill them.
     *
     * @param token the daemon's token, also given to the {@code /RPC2} handler that checks it
     */
    public WebUiHandler(CsrfToken token) {
        this(token, null);
    }

    /**
     * @param token  the daemon's token, also given to the {@code /RPC2} handler that checks it
     * @param source where the process table and log text come from; null for none
     */
    public WebUiHandler(CsrfToken token, StatusSource source) {
        super(source == null ? Invocable.InvocationType.NON_BLOCKING : Invocable.InvocationType.BLOCKING);
        Objects.requireNonNull(token, "token");
        this.source = source;
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
        this.statusTemplate = template("index.html", token);
        this.tailTemplate = template("tail.html", token);
        this.statusPage = html("index.html", statusTemplate.fill(scriptOnlyStatus()));
        this.tailPage = html("tail.html", tailTemplate.fill(scriptOnlyTail()));
        this.okPage = Asset.of("ok.txt", "OK".getBytes(StandardCharsets.US_ASCII));
    }

    private Template template(String name, CsrfToken token) {
        // The token (URL-safe base64) and the version (hex) cannot contain braces.
        return new Template(Asset.loadText("pages/" + name)
                .replace("{{csrf}}", token.value())
                .replace("{{v}}", assetVersion));
    }

    private static Asset html(String name, String text) {
        return Asset.of(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> scriptOnlyStatus() {
        return Map.of("noscript", "This page needs JavaScript: it asks supervisord for the process list "
                        + "and sends your actions.",
                "summary", "", "table-hidden", "", "rows", "", "empty-hidden", " hidden");
    }

    private static Map<String, String> scriptOnlyTail() {
        return tailValues("Supervisor tail", "", "This page needs JavaScript: it reads the log from "
                + "supervisord as it grows.", "tail.html", "tail.html", "logtail/", "", "");
    }

    private static Map<String, String> tailValues(String title, String heading, String noscript, String stdoutHref,
            String stderrHref, String rawHref, String error, String output) {
        Map<String, String> v = new java.util.HashMap<>();
        v.put("title", title);
        v.put("heading", heading);
        v.put("noscript", noscript);
        v.put("stdout-href", stdoutHref);
        v.put("stderr-href", stderrHref);
        v.put("raw-href", rawHref);
        v.put("status-class", error.isEmpty() ? "" : " error");
        v.put("status", error);
        v.put("output", output);
        return v;
    }

    /** The status page with the source's process table in it. */
    private Asset renderStatus() {
        List<StatusSource.ProcessRow> rows;
        try {
            rows = List.copyOf(source.processes());
        } catch (RuntimeException unavailable) {
            // The daemon is shutting down, or its engine is busy: the script fills the page.
            return statusPage;
        }
        boolean none = rows.isEmpty();
        return html("index.html", statusTemplate.fill(Map.of(
                "noscript", Html.escape(STATUS_NOSCRIPT),
                "summary", ServerPages.summary(rows),
                "table-hidden", none ? " hidden" : "",
                "rows", ServerPages.rows(rows),
                "empty-hidden", none ? "" : " hidden")));
    }

    /** The tail page with the end of the log it names, Supervisor's {@code tail.html?processname=}. */
    private Asset renderTail(Request request) {
        Fields query = queryParameters(request);
        String ns = query.getValue("processname");
        if (ns == null || ns.isEmpty()) {
            return html("tail.html", tailTemplate.fill(tailValues("Supervisor tail", "Tail",
                    Html.escape(TAIL_NOSCRIPT), "tail.html", "tail.html", "logtail/",
                    "No process name found", "")));
        }
        boolean stderr = "stderr".equals(query.getValue("channel"));
        String channel = stderr ? "stderr" : "stdout";
        StatusSource.LogExcerpt excerpt;
        try {
            excerpt = source.tail(ns, channel, tailBytes(query.getValue("limit")));
        } catch (RuntimeException unavailable) {
            excerpt = StatusSource.LogExcerpt.failed("ERROR: " + unavailable.getMessage());
        }
        String link = "tail.html?processname=" + Html.queryValue(ns);
        String raw = "logtail/" + Html.pathSegment(ns) + (stderr ? "/stderr" : "");
        return html("tail.html", tailTemplate.fill(tailValues(
                Html.escape(tailTitle(ns, channel)), Html.escape(ns + " " + channel), Html.escape(TAIL_NOSCRIPT),
                Html.escape(link), Html.escape(link + "&channel=stderr"), Html.escape(raw),
                excerpt.error() == null ? "" : Html.escape(excerpt.error()), Html.escape(excerpt.text()))));
    }

    /** Supervisor's title for the tail page (tail.js sets the same). */
    static String tailTitle(String ns, String channel) {
        return "Supervisor tail of process " + ns + ("stderr".equals(channel) ? " (stderr)" : "");
    }

    static int tailBytes(String limit) {
        if (limit == null || !limit.matches("[0-9]{1,9}")) {
            return DEFAULT_TAIL_BYTES;
        }
        return Math.max(MIN_TAIL_BYTES, Math.min(MAX_TAIL_BYTES, Integer.parseInt(limit)));
    }

    /** The value the pages append as {@code ?v=} to asset links (for tests). */
    String assetVersion() {
        return assetVersion;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Supplier<Asset> content;
        String cacheControl;
        switch (path) {
            case "/", "/index.html" -> {
                content = source == null ? () -> statusPage : this::renderStatus;
                cacheControl = NO_STORE;
            }
            case "/tail.html" -> {
                content = source == null ? () -> tailPage : () -> renderTail(request);
                cacheControl = NO_STORE;
            }
            case "/ok.html" -> {
                content = () -> okPage;
                cacheControl = NO_STORE;
            }
            default -> {
                if (!path.startsWith(ASSET_PREFIX)) {
                    return false;
                }
                Asset file = assets.get(path.substring(ASSET_PREFIX.length()));
                content = () -> file;
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
        Asset asset = content.get();
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
        // A malformed query string only costs the long cache lifetime.
        return queryParameters(request).getValue(name);
    }

    /** The query's parameters; none when it is malformed. */
    private static Fields queryParameters(Request request) {
        try {
            return Request.extractQueryParameters(request);
        } catch (RuntimeException badQuery) {
            return Fields.EMPTY;
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
