package org.jsupervisor.webui;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebUiHandlerTest {

    private final CsrfToken token = CsrfToken.random();
    private Server server;
    private LocalConnector connector;
    private WebUiHandler handler;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        handler = new WebUiHandler(token);
        // Stands in for the control plane's handlers after the UI: marks what it receives.
        Handler fallback = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(299);
                callback.succeeded();
                return true;
            }
        };
        server.setHandler(new Handler.Sequence(handler, fallback));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpTester.Response request(String method, String uri, String... extraHeaders) throws Exception {
        StringBuilder raw = new StringBuilder(method + " " + uri + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n");
        for (String h : extraHeaders) {
            raw.append(h).append("\r\n");
        }
        raw.append("\r\n");
        return HttpTester.parseResponse(connector.getResponse(raw.toString()));
    }

    @Test
    void servesTheStatusPageWithTheTokenAndStrictHeaders() throws Exception {
        for (String path : new String[] {"/", "/index.html"}) {
            HttpTester.Response r = request("GET", path);
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.get("Content-Type")).isEqualTo("text/html;charset=utf-8");
            assertThat(r.getContent()).contains("<meta name=\"csrf-token\" content=\"" + token.value() + "\">");
            assertThat(r.getContent()).doesNotContain("{{");
            assertThat(r.get("Cache-Control")).isEqualTo("no-store");
            assertThat(r.get("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.get("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.get("Content-Security-Policy"))
                    .contains("script-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
        }
    }

    @Test
    void pagesContainNoInlineScriptOrStyle() throws Exception {
        for (String path : new String[] {"/", "/tail.html"}) {
            String html = request("GET", path).getContent();
            assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
            assertThat(html).doesNotContain("<style", " style=", "onclick", "onload", "http://", "https://");
        }
    }

    @Test
    void aForgedActionLinkIsServedTheSamePageAndReachesNothingElse() throws Exception {
        HttpTester.Response plain = request("GET", "/index.html");
        HttpTester.Response forged = request("GET", "/index.html?processname=foo&action=stop");
        assertThat(forged.getStatus()).isEqualTo(200);
        assertThat(forged.getContent()).isEqualTo(plain.getContent());
        HttpTester.Response post = request("POST", "/index.html?processname=foo&action=stop",
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: 0");
        assertThat(post.getStatus()).isEqualTo(405);
        assertThat(post.get("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void servesTheTailPageWhateverTheProcessName() throws Exception {
        HttpTester.Response r = request("GET", "/tail.html?processname=%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContent()).doesNotContain("alert(1)").contains(token.value());
    }

    @Test
    void servesAssetsWithTheirTypesAndCachesVersionedOnesForGood() throws Exception {
        HttpTester.Response js = request("GET", "/assets/status.js?v=" + handler.assetVersion());
        assertThat(js.getStatus()).isEqualTo(200);
        assertThat(js.get("Content-Type")).isEqualTo("text/javascript;charset=utf-8");
        assertThat(js.get("Cache-Control")).contains("immutable");
        assertThat(js.get("X-Content-Type-Options")).isEqualTo("nosniff");

        HttpTester.Response css = request("GET", "/assets/app.css");
        assertThat(css.get("Content-Type")).isEqualTo("text/css;charset=utf-8");
        assertThat(css.get("Cache-Control")).isEqualTo("no-cache");

        HttpTester.Response svg = request("GET", "/assets/icon.svg");
        assertThat(svg.get("Content-Type")).isEqualTo("image/svg+xml");

        HttpTester.Response again = request("GET", "/assets/app.css", "If-None-Match: " + css.get("ETag"));
        assertThat(again.getStatus()).isEqualTo(304);
    }

    @Test
    void pagesLinkToAssetsWithTheCurrentVersion() throws Exception {
        String html = request("GET", "/").getContent();
        assertThat(html).contains("assets/status.js?v=" + handler.assetVersion());
    }

    @Test
    void unknownAssetsAre404AndNeverEscapeTheAssetDirectory() throws Exception {
        assertThat(request("GET", "/assets/nope.js").getStatus()).isEqualTo(404);
        assertThat(request("GET", "/assets/../WebUiHandler.class").getStatus()).isNotEqualTo(200);
        assertThat(request("GET", "/assets/%2e%2e/pages/index.html").getStatus()).isNotEqualTo(200);
    }

    @Test
    void leavesTheControlPlanesPathsToTheNextHandler() throws Exception {
        for (String path : new String[] {"/RPC2", "/logtail/foo", "/logtail/foo/stderr", "/mainlogtail", "/other"}) {
            assertThat(request("GET", path).getStatus()).as(path).isEqualTo(299);
        }
        assertThat(request("POST", "/RPC2", "Content-Length: 0").getStatus()).isEqualTo(299);
    }

    @Test
    void answersHeadWithoutABody() throws Exception {
        HttpTester.Response r = request("HEAD", "/index.html");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContent()).isEmpty();
    }

    @Test
    void servesSupervisorsHealthCheck() throws Exception {
        HttpTester.Response r = request("GET", "/ok.html");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContent()).isEqualTo("OK");
    }
}
