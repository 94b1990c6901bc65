package org.jsupervisor.supervisord.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsupervisor.common.config.ConfigLoader;
import org.jsupervisor.common.config.LogLevel;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.ControlPlane;
import org.jsupervisor.supervisord.engine.PosixSpawnLauncher;
import org.jsupervisor.supervisord.engine.SupervisorEngine;
import org.jsupervisor.supervisord.http.JettyControlPlaneFactory;
import org.jsupervisor.supervisord.logging.MainLogSetup;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/** Starts our daemon (in this JVM, wired as the real one is) or Supervisor's, and reads what listeners recorded. */
final class Daemons {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SUPERVISORD = Path.of("/usr/bin/supervisord");

    private Daemons() {
    }

    /** One recorded envelope: the header fields and the payload. */
    record Envelope(Map<String, String> header, String payload) {
        String name() {
            return header.get("eventname");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), prefix);
    }

    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    /** Copies a test resource into {@code dir}, executable. */
    static Path resource(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = Daemons.class.getResourceAsStream(name)) {
            Files.write(p, in.readAllBytes());
        }
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** Reads the JSON lines the recorder wrote (header line and payload of each event). */
    static List<Envelope> recorded(Path file) throws IOException {
        List<Envelope> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String header = jsonString(line, "header");
            String payload = jsonString(line, "payload");
            Map<String, String> h = new java.util.LinkedHashMap<>();
            for (String kv : header.strip().split(" ")) {
                int c = kv.indexOf(':');
                h.put(kv.substring(0, c), kv.substring(c + 1));
            }
            out.add(new Envelope(h, payload));
        }
        return out;
    }

    /** The value of a string member in one line of Python's json.dumps output. */
    private static String jsonString(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + key + " in " + json);
        }
        String s = m.group(1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }

    /** Our supervisord, in this JVM: engine, XML-RPC control plane and event dispatcher, as Supervisord wires them. */
    static final class Ours implements AutoCloseable {
        final SupervisorEngine engine;
        final EventDispatcher events;
        private final ControlPlane plane;
        private final MainLogSetup mainLog;

        Ours(Path conf) throws Exception {
            SupervisorConfig config = ConfigLoader.load(conf);
            mainLog = MainLogSetup.configure(config.supervisord().logfile(), 0, 0, LogLevel.DEBUG, false);
            SupervisorLog log = new SupervisorLog();
            engine = new SupervisorEngine(config, () -> ConfigLoader.load(conf), new PosixSpawnLauncher(), log, mainLog,
                    System::currentTimeMillis);
            events = EventDispatcher.attach(engine, log);
            plane = new JettyControlPlaneFactory().create(config, engine);
            plane.start();
            engine.start().join();
        }

        String mainLogText() throws IOException {
            return Files.readString(Path.of(engine.config().supervisord().logfile()), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws Exception {
            engine.shutdown();
            engine.termination().orTimeout(30, TimeUnit.SECONDS).join();
            events.close();
            plane.close();
            engine.close();
            mainLog.close();
        }
    }

    /** Our supervisord as users run it: {@code org.jsupervisor.supervisord.Main -n -c FILE} in its own JVM. */
    static final class OursMain implements AutoCloseable {
        final Process process;

        OursMain(Path conf) throws IOException {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    "-Djsupervisor.launcher=supervisord", "org.jsupervisor.supervisord.Main", "-n", "-c",
                    conf.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(conf.resolveSibling("supervisord.out").toFile());
            pb.environment().put("_JAVA_SR_SIGNUM", "39");
            pb.environment().remove("JSUPERVISOR_DAEMONIZED");
            process = pb.start();
        }

        @Override
        public void close() throws Exception {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** Supervisor 4.2.5 itself, in the foreground. */
    static final class Reference implements AutoCloseable {
        final Process process;

        Reference(Path conf) throws IOException {
            process = new ProcessBuilder(SUPERVISORD.toString(), "-n", "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(conf.resolveSibling("supervisord.out").toFile()).start();
        }

        @Override
        public void close() throws Exception {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** Runs a Python script with the system Python; returns its exit code and output. */
    static String[] python(Path script, long timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        reader.join(5000);
        return new String[] {String.valueOf(p.isAlive() ? -1 : p.exitValue()),
                out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)};
    }
}
