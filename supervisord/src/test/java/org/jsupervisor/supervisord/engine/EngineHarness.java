package org.jsupervisor.supervisord.engine;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.config.LogLevel;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.logging.MainLogSetup;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/** A real engine with real children, its main log in a temp dir, and helpers to wait on it. */
final class EngineHarness implements AutoCloseable {
    final Path dir;
    final SupervisorEngine engine;
    final MainLogSetup mainLog;
    final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();
    volatile SupervisorConfig reloadWith;

    EngineHarness(Path dir, SupervisorConfig config) throws IOException {
        this.dir = dir;
        this.mainLog = MainLogSetup.configure(config.supervisord().logfile(), 0, 0, LogLevel.DEBUG, false);
        this.reloadWith = config;
        this.engine = new SupervisorEngine(config, () -> {
            if (reloadWith == null) {
                throw new org.jsupervisor.common.config.ConfigException("/etc/broken.conf: section [program:x] bad");
            }
            return reloadWith;
        }, new PosixSpawnLauncher(), new SupervisorLog(),
                mainLog, System::currentTimeMillis);
        engine.subscribe(events::add);
        engine.start().join();
    }

    ProcessState state(String name) {
        return engine.process(new ProcessId(name, name)).state();
    }

    ProcessInfo info(String name) {
        return engine.process(new ProcessId(name, name));
    }

    void awaitState(String name, ProcessState s, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> state(name) == s);
    }

    String log() throws IOException {
        return Files.readString(Path.of(engine.config().supervisord().logfile()), StandardCharsets.UTF_8);
    }

    void awaitLog(String fragment, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> log().contains(fragment));
    }

    @Override
    public void close() {
        engine.shutdown();
        engine.termination().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        engine.close();
        mainLog.close();
    }
}
