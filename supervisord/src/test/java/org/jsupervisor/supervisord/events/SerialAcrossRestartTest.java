package org.jsupervisor.supervisord.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Supervisor's global event serial lives as long as the daemon's process: it goes on after a restart. */
class SerialAcrossRestartTest {
    static final String DRIVER = String.join("\n",
            "import json, sys, time, xmlrpc.client",
            "url, record = sys.argv[1], sys.argv[2]",
            "def count():",
            "    try:",
            "        return sum(1 for l in open(record) if l.strip())",
            "    except FileNotFoundError:",
            "        return 0",
            "def wait(n):",
            "    deadline = time.time() + 30",
            "    while count() < n:",
            "        if time.time() > deadline: sys.exit('timed out waiting for %d events' % n)",
            "        time.sleep(0.05)",
            "wait(1)",
            "xmlrpc.client.ServerProxy(url).supervisor.restart()",
            "wait(2)",
            "deadline = time.time() + 30",
            "while True:",
            "    try:",
            "        xmlrpc.client.ServerProxy(url).supervisor.shutdown()",
            "        break",
            "    except (OSError, xmlrpc.client.Fault):",
            "        if time.time() > deadline: sys.exit('no shutdown')",
            "        time.sleep(0.05)",
            "");

    static Path setUp(String prefix, int port) throws Exception {
        Path dir = Daemons.tempDir(prefix);
        Daemons.resource(dir, "recorder.py");
        Files.writeString(dir.resolve("driver.py"), DRIVER, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("supervisord.conf"), String.join("\n",
                "[supervisord]",
                "logfile=%(here)s/supervisord.log",
                "pidfile=%(here)s/supervisord.pid",
                "childlogdir=%(here)s",
                "[inet_http_server]",
                "port=127.0.0.1:" + port,
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                "[eventlistener:rec]",
                "command=/usr/bin/python3 %(here)s/recorder.py %(here)s/record.jsonl",
                "events=SUPERVISOR_STATE_CHANGE_RUNNING",
                "") + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    static List<String> headers(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        Daemons.recorded(dir.resolve("record.jsonl")).forEach(e -> out.add(e.header().toString()));
        return out;
    }

    @Test
    @Timeout(180)
    void theGlobalSerialContinuesAfterARestartAndThePoolSerialStartsAgain() throws Exception {
        assumeTrue(Files.isExecutable(Daemons.SUPERVISORD), "Supervisor 4.2.5 not installed");
        assumeTrue(Files.isExecutable(Daemons.PYTHON), "system python3 missing");
        int refPort = Daemons.freePort();
        int ourPort = Daemons.freePort();
        Path ref = setUp("jsesr", refPort);
        Path ours = setUp("jseso", ourPort);
        CompletableFuture<String[]> refDriven = CompletableFuture.supplyAsync(() -> {
            try (Daemons.Reference d = new Daemons.Reference(ref.resolve("supervisord.conf"))) {
                return Daemons.python(ref.resolve("driver.py"), 90, "http://127.0.0.1:" + refPort + "/RPC2",
                        ref.resolve("record.jsonl").toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String[] ourResult;
        try (Daemons.OursMain d = new Daemons.OursMain(ours.resolve("supervisord.conf"))) {
            ourResult = Daemons.python(ours.resolve("driver.py"), 90, "http://127.0.0.1:" + ourPort + "/RPC2",
                    ours.resolve("record.jsonl").toString());
        }
        String[] refResult = refDriven.join();
        assertThat(refResult[0]).as(refResult[1]).isEqualTo("0");
        assertThat(ourResult[0]).as(ourResult[1]).isEqualTo("0");
        List<String> expected = headers(ref);
        assertThat(expected).hasSize(2);
        assertThat(expected.get(1)).contains("serial=1,").contains("poolserial=0,");
        assertThat(headers(ours)).isEqualTo(expected);
        Daemons.deleteTree(ref);
        Daemons.deleteTree(ours);
    }
}
