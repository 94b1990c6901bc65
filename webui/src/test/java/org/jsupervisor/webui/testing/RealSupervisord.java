package org.jsupervisor.webui.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The reference Python supervisord, started from a temporary config, so the UI's tests get
 * real process data and real actions before our own daemon exists. Call {@link #rpc} with an
 * XML-RPC request body; {@link #close} stops the daemon and its children.
 */
public final class RealSupervisord implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/supervisord");

    private final Process process;
    private final int port;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RealSupervisord(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts supervisord in {@code dir} with the given {@code [program:x]}/{@code [group:x]}
     * sections, on a free loopback port, and waits until it answers XML-RPC.
     */
    public static RealSupervisord start(Path dir, String programSections) throws IOException {
        int port = freePort();
        String conf = "[supervisord]\n"
                + "nodaemon=true\n"
                + "logfile=" + dir.resolve("supervisord.log") + "\n"
                + "pidfile=" + dir.resolve("supervisord.pid") + "\n"
                + "childlogdir=" + dir + "\n"
                + "identifier=webui-test\n"
                + "[inet_http_server]\n"
                + "port=127.0.0.1:" + port + "\n"
                + "[rpcinterface:supervisor]\n"
                + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n"
                + programSections;
        Path confFile = dir.resolve("supervisord.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(BINARY.toString(), "-n", "-c", confFile.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("supervisord.out").toFile())
                .start();
        RealSupervisord s = new RealSupervisord(p, port, dir);
        try {
            await("supervisord answers on port " + port).atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> s.rpc(call("supervisor.getState")).contains("RUNNING"));
        } catch (RuntimeException e) {
            s.close();
            throw new IllegalStateException("supervisord did not start; its output: "
                    + Files.readString(dir.resolve("supervisord.out")), e);
        }
        return s;
    }

    /** An XML-RPC call body with string parameters. */
    public static String call(String method, String... stringParams) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>")
                .append(method).append("</methodName><params>");
        for (String p : stringParams) {
            b.append("<param><value><string>").append(p.replace("&", "&amp;").replace("<", "&lt;"))
                    .append("</string></value></param>");
        }
        return b.append("</params></methodCall>").toString();
    }

    /** POSTs an XML-RPC request body to the daemon and returns its answer's body. */
    public String rpc(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/RPC2"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The state name of one process, e.g. "RUNNING", read straight from the daemon. */
    public String stateOf(String namespec) {
        String xml = rpc(call("supervisor.getProcessInfo", namespec));
        int at = xml.indexOf("<name>statename</name>");
        if (at < 0) {
            throw new IllegalStateException("no statename in " + xml);
        }
        int start = xml.indexOf("<string>", at) + "<string>".length();
        return xml.substring(start, xml.indexOf("</string>", start));
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: supervisord stops its children, then exits
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
