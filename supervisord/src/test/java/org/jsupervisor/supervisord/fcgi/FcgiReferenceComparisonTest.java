package org.jsupervisor.supervisord.fcgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsupervisor.supervisord.http.ReferencePair;
import org.jsupervisor.supervisord.http.ReferencePair.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Supervisor 4.2.5 and our daemon (Main, its own JVM) on the same fcgi-program config:
 * the XML-RPC answers and supervisorctl's output about fcgi groups must be the same once
 * pids, times, ports and directories are masked. Skipped without the reference.
 */
class FcgiReferenceComparisonTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @RegisterExtension
    static final ReferencePair pair = new ReferencePair("jfc", FcgiReferenceComparisonTest::conf, ReferencePair::ourMain);

    /** Also writes the fcgi child's script into the side's directory. */
    static String conf(Side side) throws IOException {
        Path base = side.dir();
        Files.writeString(base.resolve("child.py"), FcgiHarness.CHILD);
        return ReferencePair.header(side, "user=root") + String.join("\n",
                "[supervisorctl]",
                "serverurl=unix://" + side.socket(),
                "[fcgi-program:pool]",
                "command=" + PYTHON + " " + base.resolve("child.py"),
                "socket=tcp://127.0.0.1:" + side.port(),
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

    static final String SCRIPT = ReferencePair.DRIVER + String.join("\n",
            "import socket",
            "port = int(sys.argv[2])",
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
            "settle('pool:pool_0', 'RUNNING', 300)",
            "settle('pool:pool_1', 'RUNNING', 300)",
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
            "settle('pool:pool_0', 'RUNNING', 300)",
            "settle('pool:pool_1', 'RUNNING', 300)",
            "answers(2)",
            "infos()",
            "print(json.dumps(out, indent=1, sort_keys=True))",
            "");

    private static String side(Side side) throws Exception {
        Path base = side.dir();
        String port = String.valueOf(side.port());
        String json = pair.drive(SCRIPT, side.socket().toString(), port);
        String ctl = pair.supervisorctl(side, "status") + pair.supervisorctl(side, "avail");
        return ReferencePair.maskPidsAndUptimes((json + ctl).replace(base.toString(), "BASE").replace(port, "PORT")
                .replaceAll("(fc|pool_\\d|one)-(stdout|stderr)---supervisor-[a-z0-9_]+\\.log", "$1-$2-LOG")
                .replaceAll("\"(pool_\\d|one)-(stdout|stderr)---supervisor-[^\"]+\"", "\"LOG\""));
    }

    @Test
    void fcgiGroupsLookTheSameAsInSupervisor425() throws Exception {
        String theirs = side(pair.reference());
        String mine = side(pair.ours());
        ReferencePair.assertSameAnswers("fcgi-probe.txt", theirs, mine);
        assertThat(mine).contains("\"answers\"", "NO_FILE: pool:pool_0", "pool:pool_0", "in use");
    }
}
