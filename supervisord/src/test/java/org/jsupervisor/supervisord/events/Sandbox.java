package org.jsupervisor.supervisord.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One daemon's side of a comparison test: a temp directory holding a {@code supervisord.conf}
 * whose XML-RPC server listens on a free TCP port, and the scripts it runs. The same
 * sandbox contents are made twice, one for Supervisor and one for us, and the same Python
 * driver runs against both at once ({@link #driveBoth}).
 */
final class Sandbox {
    /** The program and listener sections of a test's configuration. */
    interface Sections {
        String of(Path dir);
    }

    /** Starts a daemon on a configuration file; closing it waits for it to end. */
    interface DaemonStarter {
        AutoCloseable start(Path conf) throws Exception;
    }

    final Path dir;
    final int port;
    private final String driver;
    private final long timeoutSeconds;

    /**
     * @param prefix    temp directory prefix (short: the dir also holds unix sockets in some tests)
     * @param sections  everything after the common header (supervisord, HTTP, rpcinterface)
     * @param driver    the Python script that drives the scenario, among {@code resources}
     * @param resources test resources copied next to the configuration, executable
     */
    Sandbox(String prefix, Sections sections, String driver, long timeoutSeconds, String... resources)
            throws Exception {
        this.dir = Daemons.tempDir(prefix);
        this.port = Daemons.freePort();
        this.driver = driver;
        this.timeoutSeconds = timeoutSeconds;
        Files.writeString(conf(), header(port) + sections.of(dir), StandardCharsets.UTF_8);
        for (String r : resources) {
            Daemons.resource(dir, r);
        }
    }

    private static String header(int port) {
        return String.join("\n",
                "[supervisord]",
                "logfile=%(here)s/supervisord.log",
                "pidfile=%(here)s/supervisord.pid",
                "childlogdir=%(here)s",
                "loglevel=debug",
                "[inet_http_server]",
                "port=127.0.0.1:" + port,
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                "");
    }

    Path conf() {
        return dir.resolve("supervisord.conf");
    }

    /** Runs the driver with the daemon's URL and {@code args}; returns its exit code and output. */
    String[] drive(String... args) throws Exception {
        List<String> all = new ArrayList<>();
        all.add("http://127.0.0.1:" + port + "/RPC2");
        all.addAll(List.of(args));
        return Daemons.python(dir.resolve(driver), timeoutSeconds, all.toArray(String[]::new));
    }

    /** Every match of {@code regex} in the main log, in order. */
    List<String> logLines(String regex) throws Exception {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(Files.readString(dir.resolve("supervisord.log"),
                StandardCharsets.UTF_8));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    void delete() {
        Daemons.deleteTree(dir);
    }

    /** Supervisor's side of a run: its daemon in the foreground. */
    static AutoCloseable reference(Path conf) throws Exception {
        return new Daemons.Reference(conf);
    }

    /**
     * Runs each sandbox's driver against its own daemon, both at the same time, and asserts both
     * drivers succeeded ({@code details} adds context to a failure).
     */
    static void driveBoth(Sandbox ref, Sandbox ours, DaemonStarter oursStarter, ArgsOf args,
            Details details) throws Exception {
        CompletableFuture<String[]> refDriven = CompletableFuture.supplyAsync(() -> {
            try (AutoCloseable d = reference(ref.conf())) {
                return ref.drive(args.of(ref));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String[] ourResult;
        try (AutoCloseable d = oursStarter.start(ours.conf())) {
            ourResult = ours.drive(args.of(ours));
        }
        String[] refResult = refDriven.join();
        assertThat(refResult[0]).as("driver against Supervisor: " + refResult[1] + details.of(ref)).isEqualTo("0");
        assertThat(ourResult[0]).as("driver against ours: " + ourResult[1] + details.of(ours)).isEqualTo("0");
    }

    /** The driver's arguments after the URL, for one sandbox. */
    interface ArgsOf {
        String[] of(Sandbox s);
    }

    /** Extra text for a failed driver's message. */
    interface Details {
        String of(Sandbox s) throws Exception;
    }
}
