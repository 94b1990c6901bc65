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

/**
 * The same childutils listener, recording every envelope it receives, under our daemon and
 * under Supervisor 4.2.5, while the same script starts, stops and crashes programs, one of
 * them writes capture-mode output and PROCESS_LOG output, and remote events are sent over
 * XML-RPC. The recorded streams must be equal once pids are normalised. Our daemon runs as
 * users run it ({@code Main -n -c FILE} in its own JVM).
 */
class EventsComparisonTest {

    static String config(Path dir, int port) {
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
                "[eventlistener:rec]",
                "command=/usr/bin/python3 %(here)s/recorder.py %(here)s/record.jsonl",
                "events=PROCESS_STATE,PROCESS_COMMUNICATION,PROCESS_LOG,REMOTE_COMMUNICATION,PROCESS_GROUP,"
                        + "SUPERVISOR_STATE_CHANGE",
                "buffer_size=100",
                "[program:good]",
                "command=/bin/sleep 1000",
                "priority=10",
                "[program:talker]",
                "command=%(here)s/talker.sh",
                "priority=20",
                "autostart=false",
                "stdout_capture_maxbytes=1MB",
                "stdout_events_enabled=true",
                "stderr_events_enabled=true",
                "[program:crasher]",
                "command=%(here)s/crasher.sh",
                "priority=30",
                "autostart=false",
                "autorestart=false",
                "[program:quick]",
                "command=/bin/false",
                "priority=40",
                "autostart=false",
                "autorestart=false",
                "startretries=1",
                "startsecs=3", // Supervisor may reap a quick exit up to 1 s late
                "") + "\n";
    }

    /** Sets up a directory with the config and scripts, runs the driver against the daemon there. */
    static final class Run {
        final Path dir;
        final int port;

        Run(String prefix) throws Exception {
            dir = Daemons.tempDir(prefix);
            port = Daemons.freePort();
            Files.writeString(dir.resolve("supervisord.conf"), config(dir, port), StandardCharsets.UTF_8);
            Daemons.resource(dir, "recorder.py");
            Daemons.resource(dir, "talker.sh");
            Daemons.resource(dir, "crasher.sh");
            Daemons.resource(dir, "driver.py");
        }

        Path conf() {
            return dir.resolve("supervisord.conf");
        }

        String[] drive() throws Exception {
            return Daemons.python(dir.resolve("driver.py"), 90, "http://127.0.0.1:" + port + "/RPC2",
                    dir.resolve("record.jsonl").toString());
        }

        List<String> normalisedRecord() throws Exception {
            List<String> out = new ArrayList<>();
            for (Daemons.Envelope e : Daemons.recorded(dir.resolve("record.jsonl"))) {
                var h = new java.util.LinkedHashMap<>(e.header());
                // the length is checked by the listener reading exactly len characters; pids differ
                assertThat(Integer.parseInt(h.remove("len"))).isEqualTo(e.payload().codePointCount(0,
                        e.payload().length()));
                out.add(h + " | " + e.payload().replaceAll("pid:[1-9][0-9]*", "pid:N"));
                if (e.payload().startsWith("type:done")) {
                    break;
                }
            }
            return out;
        }
    }

    @Test
    @Timeout(240)
    void aChildutilsListenerRecordsWhatItRecordsUnderSupervisor() throws Exception {
        assumeTrue(Files.isExecutable(Daemons.SUPERVISORD), "Supervisor 4.2.5 not installed");
        assumeTrue(Files.isExecutable(Daemons.PYTHON), "system python3 missing");
        Run ref = new Run("jsevr");
        Run ours = new Run("jsevo");
        try {
            CompletableFuture<String[]> refDriven = CompletableFuture.supplyAsync(() -> {
                try (Daemons.Reference d = new Daemons.Reference(ref.conf())) {
                    return ref.drive();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String[] ourResult;
            try (Daemons.OursMain d = new Daemons.OursMain(ours.conf())) {
                ourResult = ours.drive();
            }
            String[] refResult = refDriven.join();
            assertThat(refResult[0]).as("driver against Supervisor: " + refResult[1] + "\n"
                    + String.join("\n", ref.normalisedRecord())).isEqualTo("0");
            assertThat(ourResult[0]).as("driver against ours: " + ourResult[1] + "\n"
                    + String.join("\n", ours.normalisedRecord())).isEqualTo("0");

            List<String> expected = ref.normalisedRecord();
            List<String> actual = ours.normalisedRecord();
            assertThat(expected).as("the reference recorded the scenario").hasSizeGreaterThan(20);
            assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
            Daemons.deleteTree(ref.dir);
            Daemons.deleteTree(ours.dir);
        } finally {
            // kept on failure, for a look at the logs
        }
    }
}
