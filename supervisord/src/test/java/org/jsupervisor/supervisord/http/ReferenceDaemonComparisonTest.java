package org.jsupervisor.supervisord.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real processes on both sides: Supervisor 4.2.5 and our daemon (Main) with the same
 * configuration, driven through the same script of XML-RPC calls over their unix sockets.
 * Answers must match once pids, times and log file names are masked.
 */
class ReferenceDaemonComparisonTest {
    @RegisterExtension
    static final ReferencePair pair = new ReferencePair("jsvd", ReferenceDaemonComparisonTest::conf,
            ReferencePair::ourMain);
    /** Start-up lines of each main log, read before the probes clear the logs. */
    static List<String> referenceStartUp;
    static List<String> ourStartUp;

    static String conf(ReferencePair.Side side) {
        return ReferencePair.header(side) + String.join("\n",
                "[program:sleeper]",
                "command=/bin/sleep 1000",
                "autostart=false",
                "startsecs=1",
                "[program:quick]",
                "command=/bin/false",
                "autostart=false",
                "startretries=0",
                "[program:badcmd]",
                "command=/nonexistent/x",
                "autostart=false",
                "[program:notexec]",
                "command=/etc/hostname",
                "autostart=false",
                "startretries=0",
                "[program:later]",
                "command=/bin/sleep 1000",
                "autostart=false",
                "startsecs=30",
                "[program:echo]",
                "command=/bin/sh -c 'echo hi; exec sleep 1000'",
                "autostart=false",
                "startsecs=0",
                "[group:grp]",
                "programs=a,b",
                "[program:a]",
                "command=/bin/sleep 1000",
                "autostart=false",
                "startsecs=0",
                "[program:b]",
                "command=/bin/sleep 1000",
                "autostart=false",
                "startsecs=0",
                "") + "\n";
    }

    @BeforeAll
    static void readStartUpLines() throws Exception {
        referenceStartUp = startUpLines(pair.reference());
        ourStartUp = startUpLines(pair.ours());
    }

    static final String SCRIPT = ReferencePair.DRIVER + String.join("\n",
            "def info(name):",
            "    i = s.supervisor.getProcessInfo(name)",
            "    out.append(['info', name, {k: i[k] for k in ('name', 'group', 'statename', 'state', 'spawnerr', 'exitstatus',"
                    + " 'description')}, i['pid'] > 0, i['start'] > 0, i['stop'] > 0, bool(i['stdout_logfile'])])",
            "logs = ('stdout_logfile', 'stderr_logfile')",
            "def config(label):",
            "    out.append([label, [[[k, type(v).__name__, (v if k not in logs else v in ('none', 'auto'))]"
                    + " for k, v in c.items()] for c in s.supervisor.getAllConfigInfo()]])",
            "config('config at start')",
            "call('supervisor.startProcess', 'sleeper')",
            "call('supervisor.startProcess', 'sleeper')",
            "info('sleeper')",
            "call('supervisor.stopProcess', 'sleeper')",
            "call('supervisor.stopProcess', 'sleeper')",
            "info('sleeper')",
            "call('supervisor.startProcess', 'later', False)",
            "info('later')",
            "call('supervisor.stopProcess', 'later', False)",
            "settle('later', 'STOPPED')",
            "call('supervisor.startProcess', 'quick')",
            "settle('quick', 'FATAL')",
            "info('quick')",
            "call('supervisor.startProcess', 'badcmd')",
            "call('supervisor.startProcess', 'notexec')",
            "info('badcmd')",
            "r = call('supervisor.startProcessGroup', 'grp')",
            "if r[0] == 'ok': r[1].sort(key=lambda x: x['name'])",
            "r = call('supervisor.startProcess', 'grp:*')",
            "if r[0] == 'ok': r[1].sort(key=lambda x: x['name'])",
            "call('supervisor.signalProcess', 'grp:a', 'CONT')",
            "call('supervisor.signalProcess', 'grp:a', 'NOPE')",
            "call('supervisor.signalProcessGroup', 'grp', '18')",
            // Both daemons report a group's results in the order the stops complete, which
            // depends on timing; compare them as sets.
            "r = call('supervisor.stopProcess', 'grp:*')",
            "if r[0] == 'ok': r[1].sort(key=lambda x: x['name'])",
            "call('supervisor.startProcess', 'echo')",
            "for i in range(100):",
            "    if s.supervisor.readProcessStdoutLog('echo', 0, 0): break",
            "    time.sleep(0.05)",
            "call('supervisor.readProcessStdoutLog', 'echo', 0, 0)",
            "call('supervisor.readProcessLog', 'echo', 1, 1)",
            "call('supervisor.readProcessStdoutLog', 'echo', -2, 0)",
            "call('supervisor.readProcessStdoutLog', 'echo', 100, 0)",
            "call('supervisor.readProcessStderrLog', 'echo', 0, 0)",
            "call('supervisor.tailProcessStdoutLog', 'echo', 0, 2)",
            "call('supervisor.tailProcessStdoutLog', 'echo', 1, 100)",
            "call('supervisor.tailProcessStdoutLog', 'echo', 3, 2)",
            "call('supervisor.sendProcessStdin', 'echo', 'data')",
            "call('supervisor.clearProcessLogs', 'echo')",
            "call('supervisor.readProcessStdoutLog', 'echo', 0, 0)",
            "call('supervisor.signalAllProcesses', 'CONT')",
            "settle('notexec', 'FATAL')",
            "r = call('supervisor.stopAllProcesses')",
            "r[1].sort(key=lambda x: x['name'])",
            "call('supervisor.startProcess', 'sleeper', True)",
            "r = call('supervisor.clearAllProcessLogs')",
            "r[1].sort(key=lambda x: x['name'])",
            "call('supervisor.stopProcess', 'sleeper')",
            "call('supervisor.reloadConfig')",
            "call('supervisor.removeProcessGroup', 'grp')",
            "call('supervisor.addProcessGroup', 'grp')",
            "call('supervisor.addProcessGroup', 'grp')",
            "out.append(['all', [[p['group'], p['name'], p['statename']] for p in s.supervisor.getAllProcessInfo()]])",
            "config('config after reread')",
            "call('supervisor.readLog', -10, 5)",
            "call('supervisor.readMainLog', 1, -5)",
            "call('supervisor.clearLog')",
            "out.append(['mainlog', 'reopening log file' in s.supervisor.readLog(0, 0)])",
            "call('supervisor.getIdentification')",
            "call('supervisor.getAPIVersion')",
            "call('supervisor.sendRemoteCommEvent', 'x', 'y')",
            "out.append(['pid', s.supervisor.getPID() > 1])",
            "print(json.dumps(out, indent=1))",
            "");

    static String run(ReferencePair.Side side) throws Exception {
        return ReferencePair.maskPidsAndUptimes(pair.drive(SCRIPT, side.socket().toString()))
                .replaceAll("[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d [AP]M", "STOPTIME");
    }

    @Test
    void realProcessesGiveTheSameAnswersAsSupervisor425() throws Exception {
        ReferencePair.assertSameAnswers("daemon-probe.json", run(pair.reference()), run(pair.ours()));
    }

    /** The main log from its first line to "supervisord started with pid", without times and pids. */
    static List<String> startUpLines(ReferencePair.Side side) throws Exception {
        Path log = side.dir().resolve("sd.log");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(log) && Files.readString(log).contains("supervisord started with pid"));
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            out.add(line.replaceFirst("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} ", "")
                    .replaceAll("pid \\d+", "pid N"));
            if (line.contains("supervisord started with pid")) {
                break;
            }
        }
        return out;
    }

    @Test
    void startUpWritesTheSameMainLogLinesAsSupervisor425() throws Exception {
        assertThat(referenceStartUp).contains("INFO RPC interface 'supervisor' initialized");
        assertThat(ourStartUp).isEqualTo(referenceStartUp);
    }
}
