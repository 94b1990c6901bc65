package org.jsupervisor.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.jsupervisor.webui.StatusSource.LogExcerpt;
import org.jsupervisor.webui.StatusSource.ProcessRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pages as a reader without JavaScript gets them: content rendered by the server. */
class ServerRenderedPagesTest {

    /** A source that answers what the test sets and records the tail requests. */
    static final class FakeSource implements StatusSource {
        volatile List<ProcessRow> rows = List.of();
        volatile RuntimeException failure;
        volatile LogExcerpt excerpt = LogExcerpt.of("");
        final List<String> tailRequests = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<ProcessRow> processes() {
            calls.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return rows;
        }

        @Override
        public synchronized LogExcerpt tail(String namespec, String channel, int maxBytes) {
            calls.incrementAndGet();
            tailRequests.add(namespec + " " + channel + " " + maxBytes);
            if (failure != null) {
                throw failure;
            }
            return excerpt;
        }
    }

    private final FakeSource source = new FakeSource();
    private Server server;
    private LocalConnector connector;

    private void start(WebUiHandler handler) throws Exception {
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private HttpTester.Response get(String uri) throws Exception {
        return request("GET", uri);
    }

    private HttpTester.Response request(String method, String uri) throws Exception {
        return HttpTester.parseResponse(connector.getResponse(
                method + " " + uri + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"));
    }

    private static List<String> linesContaining(String html, String needle) {
        return html.lines().filter(l -> l.contains(needle)).toList();
    }

    @Test
    void theStatusPageListsEveryProcessWithSupervisorsStateClasses() throws Exception {
        source.rows = List.of(
                new ProcessRow("crasher", "crasher", "FATAL", "Exited too quickly (process log may have details)"),
                new ProcessRow("pool", "pool_00", "RUNNING", "pid 4242, uptime 0:01:02"),
                new ProcessRow("pool", "pool_01", "BACKOFF", "Exited too quickly (process log may have details)"),
                new ProcessRow("sleeper", "sleeper", "RUNNING", "pid 77, uptime 1 day, 2:03:04"),
                new ProcessRow("starter", "starter", "STARTING", ""),
                new ProcessRow("stopped", "stopped", "STOPPED", "Not started"),
                new ProcessRow("quitter", "quitter", "EXITED", "Nov 22 01:02 AM"));
        start(new WebUiHandler(CsrfToken.random(), source));

        HttpTester.Response r = get("/");
        assertThat(r.getStatus()).isEqualTo(200);
        String html = r.getContent();
        assertThat(html).contains("<title>Supervisor Status</title>").doesNotContain("{{");
        assertThat(html).contains("7 processes: 1 fatal, 2 running, 1 backoff, 1 starting, 1 stopped, 1 exited");

        // One line per process, so `grep statuserror` shows the whole row.
        assertThat(linesContaining(html, "statusrunning")).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains(">running<", ">pid 77, uptime 1 day, 2:03:04<", ">sleeper</a>"))
                .anySatisfy(l -> assertThat(l).contains(">pool:pool_00</a>", "pid 4242"));
        assertThat(linesContaining(html, "statuserror")).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains(">fatal<", ">crasher</a>", "Exited too quickly"))
                .anySatisfy(l -> assertThat(l).contains(">backoff<", ">pool:pool_01</a>"));
        assertThat(linesContaining(html, "statusnominal")).hasSize(3)
                .anySatisfy(l -> assertThat(l).contains(">starting<", ">starter</a>"))
                .anySatisfy(l -> assertThat(l).contains(">stopped<", ">Not started<"))
                .anySatisfy(l -> assertThat(l).contains(">exited<", ">Nov 22 01:02 AM<"));
        assertThat(linesContaining(html, "data-ns=\"sleeper\"")).singleElement().asString()
                .contains("href=\"tail.html?processname=sleeper\"",
                        "href=\"tail.html?processname=sleeper&amp;channel=stderr\"");
        // The live page's classes too, so the script's table looks the same.
        assertThat(linesContaining(html, ">fatal<")).singleElement().asString()
                .contains("class=\"badge state-error statuserror\"");
        // Groups of several processes get a header row, as status.js draws them.
        assertThat(html).contains("<span class=\"group-name\">pool</span>");
        assertThat(html).doesNotContain("<span class=\"group-name\">sleeper</span>");
        assertThat(html).contains("Without JavaScript this page shows the processes")
                .doesNotContain("This page needs JavaScript");
        assertThat(html).contains("<p id=\"empty\" class=\"empty\" hidden>");
    }

    @Test
    void everyValueFromTheDaemonIsEscaped() throws Exception {
        String evil = "<i>esc&\"'";
        source.rows = List.of(
                new ProcessRow(evil, evil, "FATAL", "<script>alert(1)</script> & \"q\" 'a'"),
                new ProcessRow("<b>g", "{{rows}}", "RUNNING", "{{summary}}"));
        start(new WebUiHandler(CsrfToken.random(), source));

        String html = get("/index.html").getContent();
        assertThat(html).doesNotContain("<i>esc", "<script>alert", "<b>g", "esc&\"");
        assertThat(linesContaining(html, "statuserror")).singleElement().asString()
                .contains(">&lt;i&gt;esc&amp;&quot;&#39;</a>",
                        "data-ns=\"&lt;i&gt;esc&amp;&quot;&#39;\"",
                        "href=\"tail.html?processname=%3Ci%3Eesc%26%22%27\"",
                        ">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;<");
        // A value that looks like one of the page's holes stays text.
        assertThat(linesContaining(html, "statusrunning")).singleElement().asString()
                .contains(">&lt;b&gt;g:{{rows}}</a>", ">{{summary}}<");
        assertThat(html).contains("data-group=\"&lt;b&gt;g\"");
    }

    @Test
    void noProcessesGiveSupervisorsNoProgramsMessageWithoutScript() throws Exception {
        start(new WebUiHandler(CsrfToken.random(), source));
        String html = get("/").getContent();
        assertThat(html).contains("<p id=\"empty\" class=\"empty\">No programs to manage</p>")
                .contains("<table id=\"processes\" class=\"processes\" hidden>")
                .contains("0 processes").doesNotContain("data-static");
    }

    @Test
    void aFailingSourceLeavesThePageToTheScript() throws Exception {
        source.failure = new IllegalStateException("SHUTDOWN_STATE");
        WebUiHandler handler = new WebUiHandler(CsrfToken.random(), source);
        start(handler);
        HttpTester.Response r = get("/");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContent()).contains("This page needs JavaScript").doesNotContain("data-static", "{{");
    }

    @Test
    void withoutASourceThePagesAreTheScriptOnlyOnes() throws Exception {
        start(new WebUiHandler(CsrfToken.random()));
        String index = get("/").getContent();
        assertThat(index).contains("<title>Supervisor Status</title>", "This page needs JavaScript")
                .doesNotContain("data-static", "{{");
        String tail = get("/tail.html?processname=x").getContent();
        assertThat(tail).contains("<title>Supervisor tail</title>").doesNotContain("{{");
    }

    @Test
    void aPostToAPageDoesNotAskTheSource() throws Exception {
        start(new WebUiHandler(CsrfToken.random(), source));
        assertThat(request("POST", "/").getStatus()).isEqualTo(405);
        assertThat(request("POST", "/tail.html?processname=x").getStatus()).isEqualTo(405);
        assertThat(source.calls).hasValue(0);
        assertThat(request("HEAD", "/").getStatus()).isEqualTo(200);
    }

    @Test
    void theTailPageShowsTheEndOfTheLogEscaped() throws Exception {
        source.excerpt = LogExcerpt.of("line 1 <b>bold</b> & more\nline 2 \u001b[31mred\u001b[0m\u0000\n");
        start(new WebUiHandler(CsrfToken.random(), source));

        String html = get("/tail.html?processname=web:web_1").getContent();
        assertThat(source.tailRequests).containsExactly("web:web_1 stdout 16384");
        assertThat(html).contains("<title>Supervisor tail of process web:web_1</title>")
                .contains("<h1 id=\"tail-title\" class=\"tail-title\">web:web_1 stdout</h1>")
                .contains(">line 1 &lt;b&gt;bold&lt;/b&gt; &amp; more\nline 2 \uFFFD[31mred\uFFFD[0m\uFFFD\n</pre>")
                .contains("href=\"tail.html?processname=web%3Aweb_1&amp;channel=stderr\"")
                .contains("href=\"logtail/web%3Aweb_1\"")
                .contains("Without JavaScript this page shows the end of the log")
                .doesNotContain("{{", "\u001b");
    }

    @Test
    void theTailPageReadsTheChannelAndLimitFromTheUrl() throws Exception {
        start(new WebUiHandler(CsrfToken.random(), source));
        get("/tail.html?processname=a&channel=stderr&limit=100");
        get("/tail.html?processname=a&limit=5000");
        get("/tail.html?processname=a&limit=-5");
        get("/tail.html?processname=a&limit=99999999999");
        get("/tail.html?processname=a&limit=5000000");
        assertThat(source.tailRequests).containsExactly("a stderr 1024", "a stdout 5000", "a stdout 16384",
                "a stdout 16384", "a stdout 1048576");
        String html = get("/tail.html?processname=a&channel=stderr").getContent();
        assertThat(html).contains("<title>Supervisor tail of process a (stderr)</title>", "href=\"logtail/a/stderr\"");
    }

    @Test
    void theTailPageSaysWhatIsMissing() throws Exception {
        start(new WebUiHandler(CsrfToken.random(), source));
        assertThat(get("/tail.html").getContent())
                .contains("<p id=\"tail-status\" class=\"tail-status error\">No process name found</p>");
        assertThat(source.tailRequests).isEmpty();

        source.excerpt = LogExcerpt.failed("No file for <x>");
        assertThat(get("/tail.html?processname=%3Cx%3E").getContent())
                .contains("<p id=\"tail-status\" class=\"tail-status error\">No file for &lt;x&gt;</p>")
                .contains("<title>Supervisor tail of process &lt;x&gt;</title>");
    }
}
