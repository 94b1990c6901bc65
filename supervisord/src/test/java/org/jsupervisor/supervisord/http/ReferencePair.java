package org.jsupervisor.supervisord.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Supervisor 4.2.5 and ours side by side, for tests that compare their answers: a short
 * directory under /tmp (unix socket paths must stay under 108 bytes) with one {@link Side}
 * each, {@code r} for the reference and {@code o} for ours, both written from the same
 * {@link Config}. Registered as a static extension of a test class: before the class's own
 * {@code @BeforeAll} methods it starts Supervisor and ours and waits for both sockets; after
 * its {@code @AfterAll} methods it stops both and deletes the directory. Tests are skipped
 * (an assumption) when Supervisor is not installed.
 *
 * <p>Public so that comparison tests in other packages (fcgi) can use it. The sides are set
 * once, before the class's own methods run.
 */
public final class ReferencePair implements BeforeAllCallback, AfterAllCallback {
    /** One daemon's directory, its configuration file and socket in it, and a free TCP port of its own. */
    public record Side(Path dir, int port) {
        public Path conf() {
            return dir.resolve("s.conf");
        }

        public Path socket() {
            return dir.resolve("s.sock");
        }
    }

    /** The configuration file of one side (which may also write files it names into the side's directory). */
    public interface Config {
        String of(Side side) throws Exception;
    }

    /** Starts our side; what it returns is closed before the reference is stopped. */
    public interface Starter {
        AutoCloseable start(Side side) throws Exception;
    }

    /**
     * The opening of a Python driver for {@link #drive}: {@code s}, Supervisor's own XML-RPC
     * proxy on the unix socket named by the driver's first argument; {@code out}, a list for
     * the driver to print as JSON at its end; {@code call(name, *args)}, which makes a call and
     * records it in {@code out} with its answer or fault; {@code settle(name, state, tries)},
     * which polls a process (every 50 ms, {@code tries} times) until it reaches a state.
     */
    public static final String DRIVER = String.join("\n",
            "import sys, json, time, xmlrpc.client",
            "from supervisor.xmlrpc import SupervisorTransport",
            "s = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=SupervisorTransport(None, None, 'unix://' + sys.argv[1]))",
            "out = []",
            "def call(name, *args):",
            "    f = s",
            "    for part in name.split('.'):",
            "        f = getattr(f, part)",
            "    try:",
            "        r = ['ok', f(*args)]",
            "    except xmlrpc.client.Fault as e:",
            "        r = ['fault', e.faultCode, e.faultString]",
            "    out.append([name, list(args), r])",
            "    return r",
            "def settle(name, state, tries=200):",
            "    for i in range(tries):",
            "        if s.supervisor.getProcessInfo(name)['statename'] == state: return",
            "        time.sleep(0.05)",
            "");

    private final String prefix;
    private final Config config;
    private final Starter starter;
    private Path dir;
    private Side reference;
    private Side ours;
    private Process referenceProcess;
    private AutoCloseable oursRunning;

    /** {@code prefix} names the /tmp directory; {@code starter} starts our side on its configuration. */
    public ReferencePair(String prefix, Config config, Starter starter) {
        this.prefix = prefix;
        this.config = config;
        this.starter = starter;
    }

    /**
     * Makes both sides' directories and configuration files, starts Supervisor on the
     * reference side, then ours with the starter, and waits until the reference's unix
     * socket accepts connections.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(Files.isExecutable(Clients.SUPERVISORD) && Files.isExecutable(Clients.SUPERVISORCTL),
                "Supervisor 4.2.5 is not installed");
        dir = Clients.shortTempDir(prefix);
        reference = new Side(Files.createDirectory(dir.resolve("r")), Clients.freePort());
        ours = new Side(Files.createDirectory(dir.resolve("o")), Clients.freePort());
        for (Side s : List.of(reference, ours)) {
            Files.writeString(s.conf(), config.of(s));
        }
        Path out = reference.dir().resolve("out.txt");
        referenceProcess = new ProcessBuilder(Clients.SUPERVISORD.toString(), "-c", reference.conf().toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        oursRunning = starter.start(ours);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!referenceProcess.isAlive()) {
                throw new IllegalStateException("Supervisor exited: " + Files.readString(out));
            }
            return UnixSocketFile.isLive(reference.socket());
        });
    }

    public Side reference() {
        return reference;
    }

    public Side ours() {
        return ours;
    }

    /**
     * The [supervisord] section with its files under the side's directory and in the
     * foreground ({@code supervisordExtras} are more of its keys), the unix server on
     * {@link Side#socket()} and Supervisor's RPC interface. A test's own sections follow it.
     */
    public static String header(Side side, String... supervisordExtras) {
        List<String> lines = new ArrayList<>(List.of("[supervisord]",
                "logfile=" + side.dir().resolve("sd.log"),
                "pidfile=" + side.dir().resolve("sd.pid"),
                "childlogdir=" + side.dir(),
                "nodaemon=true"));
        lines.addAll(List.of(supervisordExtras));
        lines.addAll(List.of("[unix_http_server]",
                "file=" + side.socket(),
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                ""));
        return String.join("\n", lines);
    }

    /** Our daemon as users run it ({@code Main -n -c}, its own JVM), started once its socket accepts connections. */
    public static AutoCloseable ourMain(Side side) throws IOException {
        return Daemon.start(side.conf(), side.socket());
    }

    /** Runs a Python script with the system Python, asserts it succeeded and returns its output. */
    public String drive(String script, String... args) throws Exception {
        Clients.Result r = Clients.python(dir, script, args);
        assertThat(r.exit()).as(r.out()).isZero();
        return r.out();
    }

    /** Debian's supervisorctl on one side's configuration file: its output, whatever its exit status. */
    public String supervisorctl(Side side, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Clients.SUPERVISORCTL.toString(), "-c", side.conf().toString()));
        cmd.addAll(List.of(args));
        return Clients.run(cmd).out();
    }

    /** Masks what differs between any two runs: pids, and uptimes as supervisorctl shows them. */
    public static String maskPidsAndUptimes(String s) {
        return s.replaceAll("pid \\d+", "pid N").replaceAll("uptime \\d+:\\d\\d:\\d\\d", "uptime T");
    }

    /**
     * Asserts our (masked) answers equal Supervisor's, keeping both under target/ for diffing
     * when they do not: {@code file} "x.json" is written as x-supervisor.json and x-jsupervisor.json.
     */
    public static void assertSameAnswers(String file, String theirs, String mine) throws IOException {
        int dot = file.lastIndexOf('.');
        String stem = file.substring(0, dot);
        String ext = file.substring(dot);
        Files.writeString(Path.of("target", stem + "-supervisor" + ext), theirs);
        Files.writeString(Path.of("target", stem + "-jsupervisor" + ext), mine);
        assertThat(mine).isEqualTo(theirs);
    }

    /** Stops ours, then Supervisor, and deletes the directory. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (oursRunning != null) {
                oursRunning.close();
            }
        } finally {
            if (referenceProcess != null) {
                referenceProcess.destroy();
                if (!referenceProcess.waitFor(30, TimeUnit.SECONDS)) {
                    referenceProcess.destroyForcibly();
                }
            }
            Clients.deleteTree(dir);
        }
    }
}
