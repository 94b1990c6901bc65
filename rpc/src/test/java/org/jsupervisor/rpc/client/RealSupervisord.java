package org.jsupervisor.rpc.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A reference Supervisor 4.2.5 daemon run from a test, on a unix socket and a free TCP port. */
final class RealSupervisord implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/supervisord");

    final Path dir;
    final int port;
    final String unixUrl;
    final String httpUrl;
    private final Process process;

    private RealSupervisord(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.unixUrl = "unix://" + dir.resolve("s.sock");
        this.httpUrl = "http://127.0.0.1:" + port;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts a daemon and waits until it answers getState (both servers). */
    static RealSupervisord start(String username, String password, String programs) throws Exception {
        // Short directory: unix socket paths must stay under 108 bytes.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jsv");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String auth = username == null ? "" : "username=" + username + "\npassword=" + password + "\n";
        String conf = "[unix_http_server]\nfile=" + dir.resolve("s.sock") + "\n" + auth
            + "[inet_http_server]\nport=127.0.0.1:" + port + "\n" + auth
            + "[supervisord]\nlogfile=" + dir.resolve("supervisord.log") + "\npidfile=" + dir.resolve("sd.pid")
            + "\nchilddir=" + dir + "\nchildlogdir=" + dir + "\nnodaemon=true\nloglevel=info\n"
            + "[rpcinterface:supervisor]\n"
            + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n"
            + programs;
        Path confFile = dir.resolve("supervisord.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(BINARY.toString(), "-n", "-c", confFile.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        RealSupervisord d = new RealSupervisord(dir, port, p);
        try {
            d.awaitReady(username, password);
        } catch (RuntimeException | Error e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void awaitReady(String username, String password) {
        for (String url : new String[] {unixUrl, httpUrl}) {
            org.awaitility.Awaitility.await("supervisord answering at " + url)
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsMatching(e -> e instanceof IOException && process.isAlive())
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("supervisord exited: "
                            + Files.readString(dir.resolve("stdout.txt")));
                    }
                    try (XmlRpcClient c = XmlRpcClient.builder(url).credentials(username, password).build()) {
                        return c.call("supervisor.getState") != null;
                    }
                });
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
