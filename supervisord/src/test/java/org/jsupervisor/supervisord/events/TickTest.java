package org.jsupervisor.supervisord.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** TICK_5 reaches a childutils listener at the start of each 5-second slice, as Supervisor sends it. */
class TickTest {
    @Test
    void aTick5ListenerGetsTheSliceStartAsWhen() throws Exception {
        assumeTrue(Files.isExecutable(Daemons.PYTHON), "system python3 missing");
        Path dir = Daemons.tempDir("jsevt");
        try {
            Daemons.resource(dir, "recorder.py");
            Files.writeString(dir.resolve("supervisord.conf"), String.join("\n",
                    "[supervisord]",
                    "logfile=%(here)s/supervisord.log",
                    "childlogdir=%(here)s",
                    "[eventlistener:ticks]",
                    "command=/usr/bin/python3 %(here)s/recorder.py %(here)s/ticks.jsonl",
                    "events=TICK_5",
                    "startsecs=0",
                    "") + "\n", StandardCharsets.UTF_8);
            try (Daemons.Ours d = new Daemons.Ours(dir.resolve("supervisord.conf"))) {
                Path record = dir.resolve("ticks.jsonl");
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                        .until(() -> Daemons.recorded(record).size() >= 1);
                Daemons.Envelope e = Daemons.recorded(record).get(0);
                assertThat(e.name()).isEqualTo("TICK_5");
                assertThat(e.header()).containsEntry("serial", "0").containsEntry("pool", "ticks");
                assertThat(e.payload()).matches("when:\\d+");
                long when = Long.parseLong(e.payload().substring(5));
                assertThat(when % 5).isZero();
                assertThat(Math.abs(System.currentTimeMillis() / 1000 - when)).isLessThan(10);
            }
        } finally {
            Daemons.deleteTree(dir);
        }
    }
}
