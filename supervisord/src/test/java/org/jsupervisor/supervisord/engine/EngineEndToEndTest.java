package org.jsupervisor.supervisord.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jsupervisor.supervisord.engine.Configs.program;

import java.nio.file.Path;
import java.time.Duration;
import org.jsupervisor.common.ProcessState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void startsAProcessAndReportsRunningAfterStartsecs() throws Exception {
        try (EngineHarness h = new EngineHarness(dir, Configs.config(dir,
                program("sleeper", "sleep 1000").startsecs(1).group()))) {
            h.awaitState("sleeper", ProcessState.STARTING, Duration.ofSeconds(5));
            h.awaitState("sleeper", ProcessState.RUNNING, Duration.ofSeconds(5));
            ProcessInfo info = h.info("sleeper");
            assertThat(info.pid()).isPositive();
            assertThat(h.log()).contains("spawned: 'sleeper' with pid " + info.pid())
                    .contains("success: sleeper entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)");
        }
    }
}
