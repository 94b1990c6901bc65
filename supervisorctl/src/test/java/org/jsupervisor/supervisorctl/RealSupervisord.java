package org.jsupervisor.supervisorctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Python supervisord (the reference) on a unix socket in a short temp directory and an
 * inet server on a free port, plus runners for both clients against it.
 */
final class RealSupervisord implements AutoCloseable {
    static final Path SUPERVISORD = Path.of("/usr/bin/supervisord");
    static final Path PYTHON_CTL = Path.of("/usr/bin/supervisorctl");

    final Path dir;
    final Path conf;
    final Path socket;
    final int port;
    private final String extraServer;
    private Process daemon;
    private boolean javaDaemon;

    /** What a client printed on stdout, and its exit status. */
    record Outcome(String stdout, int exit) {
    }

    static boolean available() {
        return Files.isExecutable(SUPERVISORD) && Files.isExecutable(PYTHON_CTL);
    }

    RealSupervisord(String programs) throws IOException {
        this(programs, "");
    }

    /**
     * @param programs    program/group sections
     * @param extraServer lines added to [inet_http_server] (e.g. username/password)
     */
    RealSupervisord(String programs, String extraServer) throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "ctl");
        conf = dir.resolve("sv.conf");
        socket = dir.resolve("s.sock");
        port = freePort();
        this.extraServer = extraServer;
        writeConf(programs);
    }

    void writeConf(String programs) throws IOException {
        Files.writeString(conf, "[unix_http_server]\nfile=" + socket + "\n\n"
                + "[inet_http_server]\nport=127.0.0.1:" + port + "\n" + extraServer + "\n"
                + "[supervisord]\nlogfile=" + dir.resolve("sd.log") + "\npidfile=" + dir.resolve("sd.pid")
                + "\nchildlogdir=" + dir + "\n\n"
                + "[rpcinterface:supervisor]\n"
                + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n"
                + "[supervisorctl]\nserverurl=unix://" + socket + "\n\n" + programs);
    }

    /** Runs our own supervisord (the Java one) instead of Supervisor's. */
    RealSupervisord javaDaemon() {
        javaDaemon = true;
        return this;
    }

    RealSupervisord start() throws IOException {
        List<String> cmd = javaDaemon
                ? List.of(OurProcess.javaBinary(), "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        "org.jsupervisor.supervisord.Main", "-n", "-c", conf.toString())
                : List.of(SUPERVISORD.toString(), "-n", "-c", conf.toString());
        daemon = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("daemon.out").toFile())
                .start();
        awaitUp();
        return this;
    }

    /** Waits until the daemon answers and no process is still STARTING. */
    void awaitUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Outcome o = ours("status");
            return (o.exit() == 0 || o.exit() == 3) && !o.stdout().contains("STARTING")
                    && !o.stdout().contains("STOPPING");
        });
    }

    boolean isAlive() {
        return daemon != null && daemon.isAlive();
    }

    Process process() {
        return daemon;
    }

    /** Runs Supervisor's own supervisorctl with this daemon's config. */
    Outcome python(String... args) throws IOException, InterruptedException {
        return pythonWithInput(null, args);
    }

    Outcome pythonWithInput(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON_CTL.toString(), "-c", conf.toString()));
        cmd.addAll(Arrays.asList(args));
        return runPython(cmd, stdin);
    }

    /** Runs Supervisor's supervisorctl with exactly these arguments. */
    static Outcome pythonRaw(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON_CTL.toString()));
        cmd.addAll(Arrays.asList(args));
        return runPython(cmd, stdin);
    }

    private static Outcome runPython(List<String> cmd, String stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python supervisorctl hung: " + cmd);
        }
        return new Outcome(new String(out, StandardCharsets.UTF_8), p.exitValue());
    }

    /** Runs our supervisorctl in this JVM with this daemon's config. */
    Outcome ours(String... args) {
        List<String> cmd = new ArrayList<>(List.of("-c", conf.toString()));
        cmd.addAll(Arrays.asList(args));
        return oursRaw(null, cmd.toArray(new String[0]));
    }

    Outcome oursWithInput(String stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of("-c", conf.toString()));
        cmd.addAll(Arrays.asList(args));
        return oursRaw(stdin, cmd.toArray(new String[0]));
    }

    /** Our supervisorctl in-process; stdin is replaced for the run when given. */
    static synchronized Outcome oursRaw(String stdin, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        java.io.InputStream oldIn = System.in;
        System.setIn(new java.io.ByteArrayInputStream(
                (stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = Main.run(args, out);
            out.flush();
            return new Outcome(bytes.toString(StandardCharsets.UTF_8), exit);
        } finally {
            System.setIn(oldIn);
        }
    }

    /** Stops the daemon (and its children). */
    @Override
    public void close() throws IOException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            try {
                if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteTree(dir);
    }

    void awaitExit() throws InterruptedException {
        daemon.waitFor(20, TimeUnit.SECONDS);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(f -> f.toFile().delete());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Output with the parts that differ between two runs replaced (uptimes, pids). */
    static String normalize(String s) {
        return s.replaceAll("uptime \\d+:\\d\\d:\\d\\d", "uptime X")
                .replaceAll("uptime \\d+ days?, \\d+:\\d\\d:\\d\\d", "uptime X")
                .replaceAll("pid \\d+", "pid N")
                // Supervisor ends an unexpected-error line with its Python source location.
                .replaceAll("(?m)^(error: .*?): file: .* line: \\d+$", "$1");
    }
}
