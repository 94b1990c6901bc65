package org.jsupervisor.supervisord.fcgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Supervisor 4.2.5 and our daemon (Main, its own JVM) on the same fcgi-program config:
 * the XML-RPC answers and supervisorctl's output about fcgi groups must be the same once
 * pids, times, ports and directories are masked. Skipped without the reference.
 */
class FcgiReferenceComparisonTest {
    static final Path SUPERVISORD = Path.of("/usr/bin/supervisord");
    static final Path SUPERVISORCTL = Path.of("/usr/bin/supervisorctl");
    static final Path PYTHON = Path.of("/usr/bin/python3");

    Path dir;
    final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void stopBoth() throws Exception {
        for (Process p : daemons) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (dir != null) {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String conf(Path base, int port) {
        return String.join("\n",
                "[supervisord]",
                "logfile=" + base.resolve("sd.log"),
                "pidfile=" + base.resolve("sd.pid"),
                "childlogdir=" + base,
                "nodaemon=true",
                "user=root",
                "[unix_http_server]",
                "file=" + base.resolve("s.sock"),
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                "[supervisorctl]",
                "serverurl=unix://" + base.resolve("s.sock"),
                "[fcgi-program:pool]",
                "command=" + PYTHON + " " + base.resolve("child.py"),
                "socket=tcp://127.0.0.1:" + port,
                "socket_backlog=64",
                "numprocs=2",
                "process_name=%(program_name)s_%(process_num)d",
                "startsecs=0",
                "[fcgi-program:one]",
                "command=" + PYTHON + " " + base.resolve("child.py"),
                "socket=unix://" + base.resolve("one.sock"),
                "socket_mode=0600",
                "autostart=false",
                "startsecs=0",
                "") + "\n";
    }

    static final String SCRIPT = String.join("\n",
            "import sys, json, time, socket, xmlrpc.client",
            "from supervisor.xmlrpc import SupervisorTransport",
            "base, port = sys.argv[1], int(sys.argv[2])",
            "s = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=SupervisorTransport(None, None,"
                    + " 'unix://' + base + '/s.sock'))",
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
            "def settle(name, state):",
            "    for i in range(300):",
            "        if s.supervisor.getProcessInfo(name)['statename'] == state: return",
            "        time.sleep(0.05)",
            "def infos():",
            "    keep = ('name', 'group', 'statename', 'state', 'spawnerr', 'exitstatus')",
            "    out.append(['infos', [{k: i[k] for k in keep} for i in s.supervisor.getAllProcessInfo()]])",
            "def answers(n):",
            "    got = []",
            "    for i in range(n):",
            "        c = socket.create_connection(('127.0.0.1', port), timeout=10)",
            "        got.append(c.recv(100) != b'')",
            "        c.close()",
            "    out.append(['answers', got])",
            "settle('pool:pool_0', 'RUNNING')",
            "settle('pool:pool_1', 'RUNNING')",
            "cfg = s.supervisor.getAllConfigInfo()",
            "out.append(['config', sorted(cfg, key=lambda c: c['name'])])",
            "infos()",
            "answers(3)",
            "call('supervisor.sendProcessStdin', 'pool:pool_0', 'x')",
            "call('supervisor.startProcess', 'one')",
            "infos()",
            "r = call('supervisor.stopProcessGroup', 'pool')",
            "r[1].sort(key=lambda x: x['name'])  # completion order: timing on both sides",
            "call('supervisor.removeProcessGroup', 'pool')",
            "call('supervisor.reloadConfig')",
            "call('supervisor.addProcessGroup', 'pool')",
            "settle('pool:pool_0', 'RUNNING')",
            "settle('pool:pool_1', 'RUNNING')",
            "answers(2)",
            "infos()",
            "print(json.dumps(out, indent=1, sort_keys=True))",
            "");

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean live(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String side(Path base, int port) throws Exception {
        Path script = dir.resolve("probe.py");
        String json = run(List.of(PYTHON.toString(), script.toString(), base.toString(), String.valueOf(port)));
        String ctl = run(List.of(SUPERVISORCTL.toString(), "-c", base.resolve("s.conf").toString(), "status"))
                + run(List.of(SUPERVISORCTL.toString(), "-c", base.resolve("s.conf").toString(), "avail"));
        return (json + ctl).replace(base.toString(), "BASE").replace(String.valueOf(port), "PORT")
                .replaceAll("(fc|pool_\\d|one)-(stdout|stderr)---supervisor-[a-z0-9_]+\\.log", "$1-$2-LOG")
                .replaceAll("\"(pool_\\d|one)-(stdout|stderr)---supervisor-[^\"]+\"", "\"LOG\"")
                .replaceAll("pid \\d+", "pid N").replaceAll("uptime \\d+:\\d\\d:\\d\\d", "uptime T");
    }

    @Test
    void fcgiGroupsLookTheSameAsInSupervisor425() throws Exception {
        assumeTrue(Files.isExecutable(SUPERVISORD) && Files.isExecutable(SUPERVISORCTL), "Supervisor 4.2.5 is not installed");
        dir = Files.createTempDirectory(Path.of("/tmp"), "jfc");
        Files.writeString(dir.resolve("probe.py"), SCRIPT);
        Path r = Files.createDirectory(dir.resolve("r"));
        Path o = Files.createDirectory(dir.resolve("o"));
        int portR = FcgiHarness.freePort();
        int portO = FcgiHarness.freePort();
        for (Path base : List.of(r, o)) {
            Files.writeString(base.resolve("child.py"), FcgiHarness.CHILD);
            Files.writeString(base.resolve("s.conf"), conf(base, base == r ? portR : portO));
        }
        daemons.add(new ProcessBuilder(SUPERVISORD.toString(), "-c", r.resolve("s.conf").toString())
                .redirectErrorStream(true).redirectOutput(r.resolve("out.txt").toFile()).start());
        daemons.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                "org.jsupervisor.supervisord.Main", "-n", "-c", o.resolve("s.conf").toString())
                .redirectErrorStream(true).redirectOutput(o.resolve("out.txt").toFile()).start());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> live(r.resolve("s.sock")) && live(o.resolve("s.sock")));

        String theirs = side(r, portR);
        String mine = side(o, portO);
        Files.writeString(Path.of("target", "fcgi-probe-supervisor.txt"), theirs);
        Files.writeString(Path.of("target", "fcgi-probe-jsupervisor.txt"), mine);
        assertThat(mine).isEqualTo(theirs);
        assertThat(mine).contains("\"answers\"", "NO_FILE: pool:pool_0", "pool:pool_0", "in use");
    }
}
