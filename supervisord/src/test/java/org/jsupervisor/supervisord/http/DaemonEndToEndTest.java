package org.jsupervisor.supervisord.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our whole daemon (Main, engine, control plane) with real children, on TCP and a unix
 * socket, driven by Debian's supervisorctl and Python's xmlrpc.client.
 */
class DaemonEndToEndTest {
    @RegisterExtension
    static final BothServers servers = new BothServers("jsve", Clients.SUPERVISORCTL, DaemonEndToEndTest::start);
    static String baseConf;

    /** Our daemon; stopping it checks that supervisorctl's shutdown ends it and removes its socket. */
    static AutoCloseable start(BothServers servers) throws Exception {
        Path dir = servers.dir;
        baseConf = String.join("\n",
                "[supervisord]",
                "logfile=" + dir.resolve("sd.log"),
                "pidfile=" + dir.resolve("sd.pid"),
                "childlogdir=" + dir,
                "") + servers.sections("chmod=0700") + String.join("\n",
                "[program:sleeper]",
                "command=/bin/sleep 1000",
                "[program:talker]",
                "command=/bin/sh -c 'i=0; while true; do echo line $i; i=$((i+1)); sleep 0.1; done'",
                "startsecs=0",
                "[program:slow]",
                "command=/bin/sleep 1000",
                "autostart=false",
                "startsecs=3",
                "[program:quick]",
                "command=/bin/false",
                "autostart=false",
                "startretries=0",
                "[program:cat]",
                "command=/bin/cat",
                "autostart=false",
                "startsecs=0",
                "[program:binary]",
                "command=/usr/bin/printf 'ok\\000\\001\\033\\377\\303(\\n'",
                "autostart=false",
                "autorestart=false",
                "startsecs=0",
                "") + "\n";
        Files.writeString(servers.conf, baseConf);
        Daemon daemon = Daemon.start(servers.conf, servers.sock);
        return () -> {
            Clients.Result r = ctl("shutdown");
            assertThat(r.out()).isEqualTo("Shut down\n");
            assertThat(daemon.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(servers.sock).doesNotExist();
            daemon.close();
        };
    }

    @BeforeAll
    static void sleeperIsRunning() {
        await().atMost(Duration.ofSeconds(30)).until(() -> ctl("status", "sleeper").out().contains("RUNNING"));
    }

    static Clients.Result ctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Clients.SUPERVISORCTL.toString(), "-c", servers.conf.toString()));
        cmd.addAll(List.of(args));
        return Clients.run(cmd);
    }

    static Clients.Result tcpCtl(String password, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Clients.SUPERVISORCTL.toString(), "-c", servers.conf.toString(),
                "-s", "http://127.0.0.1:" + servers.port, "-u", "user", "-p", password));
        cmd.addAll(List.of(args));
        return Clients.run(cmd);
    }

    static final String UNIX_CLIENT = "import xmlrpc.client, sys, time, threading\n"
            + "from supervisor.xmlrpc import SupervisorTransport\n"
            + "def proxy(): return xmlrpc.client.ServerProxy('http://127.0.0.1', transport=SupervisorTransport('local', 'pw', 'unix://%s'))\n"
            + "s = proxy()\n";

    @Test
    void supervisorctlStartsStopsAndReportsProcesses() throws Exception {
        assertThat(ctl("status").out()).containsPattern("(?m)^sleeper\\s+RUNNING\\s+pid \\d+, uptime 0:\\d\\d:\\d\\d$")
                .containsPattern("(?m)^slow\\s+STOPPED\\s+Not started$");
        assertThat(ctl("stop", "sleeper").out()).isEqualTo("sleeper: stopped\n");
        assertThat(ctl("status", "sleeper").out()).containsPattern("^sleeper\\s+STOPPED\\s+\\w{3} \\d\\d \\d\\d:\\d\\d [AP]M\n$");
        assertThat(ctl("start", "sleeper").out()).isEqualTo("sleeper: started\n");
        assertThat(ctl("restart", "sleeper").out()).isEqualTo("sleeper: stopped\nsleeper: started\n");
        assertThat(ctl("start", "sleeper").out()).isEqualTo("sleeper: ERROR (already started)\n");
        assertThat(ctl("start", "quick").out()).isEqualTo("quick: ERROR (spawn error)\n");
        assertThat(ctl("status", "quick").out()).containsPattern("^quick\\s+FATAL\\s+Exited too quickly \\(process log may have details\\)\n$");
        assertThat(ctl("stop", "nope").out()).isEqualTo("nope: ERROR (no such process)\n");
        assertThat(ctl("signal", "HUP", "sleeper").out()).isEqualTo("sleeper: signalled\n");
        assertThat(ctl("pid").out().trim()).matches("\\d+");
        assertThat(ctl("version").out()).isEqualTo("4.2.5\n");
    }

    @Test
    void aWaitingStartDoesNotHoldUpOtherClients() throws Exception {
        Clients.Result r = Clients.python(servers.dir, UNIX_CLIENT.formatted(servers.sock)
                + "out = {}\n"
                + "def starter():\n  t = time.time(); out['r'] = proxy().supervisor.startProcess('slow', True); out['t'] = time.time() - t\n"
                + "th = threading.Thread(target=starter); th.start(); time.sleep(0.5)\n"
                + "worst = 0\n"
                + "while th.is_alive():\n  t = time.time(); s.supervisor.getState(); worst = max(worst, time.time() - t); time.sleep(0.1)\n"
                + "th.join()\n"
                + "print(out['r'], out['t'] >= 2.5, worst < 1.0)\n"
                + "print(s.supervisor.getProcessInfo('slow')['statename'])\n"
                + "print(s.supervisor.stopProcess('slow'))\n");
        assertThat(r.out()).isEqualTo("True True True\nRUNNING\nTrue\n");
    }

    @Test
    void tailFollowsTheLogOverBothServers() throws Exception {
        List<List<String>> commands = List.of(
                List.of(Clients.SUPERVISORCTL.toString(), "-c", servers.conf.toString(), "tail", "-f", "talker"),
                List.of(Clients.SUPERVISORCTL.toString(), "-c", servers.conf.toString(), "-s", "http://127.0.0.1:" + servers.port,
                        "-u", "user", "-p", "s3cret", "tail", "-f", "talker"));
        for (List<String> cmd : commands) {
            try (Daemon.Streaming tail = new Daemon.Streaming(cmd)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> distinctLines(tail.seen()) >= 2
                        && lastLine(tail.seen()) > firstLine(tail.seen()) + 5);
                assertThat(tail.seen()).startsWith("==> Press Ctrl-C to exit <==");
            }
        }
        try (Daemon.Streaming main = new Daemon.Streaming(List.of(Clients.SUPERVISORCTL.toString(), "-c",
                servers.conf.toString(), "maintail", "-f"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> main.seen().contains("Press Ctrl-C"));
            // A quiet log for a few seconds: the stream must survive the server's checks for
            // a departed client (Supervisor's client sends a stray CRLF after its request).
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> main.process.isAlive());
            ctl("start", "cat");
            await().atMost(Duration.ofSeconds(20)).until(() -> main.seen().contains("spawned: 'cat'"));
            ctl("stop", "cat");
        }
    }

    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private static long distinctLines(String s) {
        return LINE.matcher(s).results().count();
    }

    private static int firstLine(String s) {
        Matcher m = LINE.matcher(s);
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static int lastLine(String s) {
        int last = -1;
        Matcher m = LINE.matcher(s);
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    @Test
    void updateAppliesEditsToTheConfigurationFile() throws Exception {
        Files.writeString(servers.conf, baseConf + "[program:added]\ncommand=/bin/sleep 500\nstartsecs=0\n");
        try {
            assertThat(ctl("reread").out()).isEqualTo("added: available\n");
            assertThat(ctl("update").out()).isEqualTo("added: added process group\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> ctl("status", "added").out().contains("RUNNING"));
        } finally {
            Files.writeString(servers.conf, baseConf);
        }
        assertThat(ctl("update").out()).isEqualTo("added: stopped\nadded: removed process group\n");
        assertThat(ctl("status", "added").out()).isEqualTo("added: ERROR (no such process)\n");
    }

    @Test
    void stdinReachesTheChildAndBinaryLogsComeBackAsValidXml() throws Exception {
        Clients.Result r = Clients.python(servers.dir, UNIX_CLIENT.formatted(servers.sock)
                + "print(s.supervisor.startProcess('cat'))\n"
                + "print(s.supervisor.sendProcessStdin('cat', 'hello from stdin\\n'))\n"
                + "for i in range(100):\n"
                + "  if 'hello from stdin' in s.supervisor.readProcessStdoutLog('cat', 0, 0): break\n"
                + "  time.sleep(0.1)\n"
                + "print(s.supervisor.readProcessStdoutLog('cat', 0, 0), end='')\n"
                + "print(s.supervisor.stopProcess('cat'))\n"
                + "try:\n  s.supervisor.sendProcessStdin('cat', 'x')\nexcept xmlrpc.client.Fault as f:\n  print(f.faultString)\n"
                + "s.supervisor.startProcess('binary')\n"
                + "for i in range(100):\n"
                + "  if s.supervisor.readProcessStdoutLog('binary', 0, 0): break\n"
                + "  time.sleep(0.1)\n"
                + "print(ascii(s.supervisor.readProcessStdoutLog('binary', 0, 0)))\n"
                + "print(s.supervisor.tailProcessStdoutLog('binary', 0, 3)[1:])\n");
        assertThat(r.out()).isEqualTo("True\nTrue\nhello from stdin\nTrue\nNOT_RUNNING: cat\n"
                + "'ok\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd(\\n'\n[9, True]\n");
    }

    @Test
    void bothServersRequireTheirOwnCredentials() throws Exception {
        assertThat(tcpCtl("s3cret", "status", "sleeper").out()).contains("sleeper");
        assertThat(tcpCtl("wrong", "status").out()).contains("Server requires authentication");
        Clients.Result r = Clients.python(servers.dir, "import xmlrpc.client\n"
                + "from supervisor.xmlrpc import SupervisorTransport\n"
                + "for user, pw in (('local', 'bad'), ('user', 's3cret')):\n"
                + "  t = SupervisorTransport(user, pw, 'unix://" + servers.sock + "')\n"
                + "  try:\n    xmlrpc.client.ServerProxy('http://127.0.0.1', transport=t).supervisor.getState()\n"
                + "  except xmlrpc.client.ProtocolError as e:\n    print(e.errcode)\n");
        assertThat(r.out()).isEqualTo("401\n401\n");
        assertThat(Files.getAttribute(servers.sock, "unix:mode")).isEqualTo(0140700);
    }

    @Test
    void reloadRestartsTheDaemonBehindTheSameServers() throws Exception {
        String pidBefore = ctl("pid", "sleeper").out().trim();
        assertThat(ctl("reload").out()).isEqualTo("Restarted supervisord\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Clients.Result r = ctl("pid", "sleeper");
            return r.out().trim().matches("\\d+") && !r.out().trim().equals(pidBefore) && !r.out().trim().equals("0");
        });
        assertThat(tcpCtl("s3cret", "status", "sleeper").out()).contains("sleeper");
        assertThat(Files.getAttribute(servers.sock, "unix:mode")).isEqualTo(0140700);
    }

    @Test
    void aSecondDaemonOnTheSameSocketIsRefusedAndTheFirstKeepsServing() throws Exception {
        Path out = servers.dir.resolve("second.txt");
        Process second = Daemon.launch(servers.conf, out);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isNotZero();
        assertThat(Files.readString(out)).contains("Another program is already listening on a port that one of our "
                + "HTTP servers is configured to use.  Shut this program down first before starting supervisord.");
        assertThat(ctl("status", "sleeper").out()).contains("RUNNING");
    }
}
