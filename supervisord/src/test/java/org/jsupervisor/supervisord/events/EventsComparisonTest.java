package org.jsupervisor.supervisord.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    static String sections(Path dir) {
        return String.join("\n",
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

    static Sandbox sandbox(String prefix) throws Exception {
        return new Sandbox(prefix, EventsComparisonTest::sections, "driver.py", 90, "recorder.py", "talker.sh",
                "crasher.sh", "driver.py");
    }

    /** The envelopes the listener recorded, up to the driver's "done" mark, with pids normalised. */
    static List<String> normalisedRecord(Sandbox s) throws Exception {
        List<String> out = new ArrayList<>();
        for (Daemons.Envelope e : Daemons.recorded(s.dir.resolve("record.jsonl"))) {
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

    @Test
    @Timeout(240)
    void aChildutilsListenerRecordsWhatItRecordsUnderSupervisor() throws Exception {
        assumeTrue(Files.isExecutable(Daemons.SUPERVISORD), "Supervisor 4.2.5 not installed");
        assumeTrue(Files.isExecutable(Daemons.PYTHON), "system python3 missing");
        Sandbox ref = sandbox("jsevr");
        Sandbox ours = sandbox("jsevo");
        try {
            Sandbox.driveBoth(ref, ours, Daemons.OursMain::new,
                    sb -> new String[] {sb.dir.resolve("record.jsonl").toString()},
                    sb -> "\n" + String.join("\n", normalisedRecord(sb)));
            List<String> expected = normalisedRecord(ref);
            List<String> actual = normalisedRecord(ours);
            assertThat(expected).as("the reference recorded the scenario").hasSizeGreaterThan(20);
            assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
            ref.delete();
            ours.delete();
        } finally {
            // kept on failure, for a look at the logs
        }
    }
}
