package org.jsupervisor.supervisord.engine;

import java.util.Map;
import java.util.Optional;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * What a {@link Subprocess} needs from the engine around it. Every method is called on the
 * engine thread, except {@link #onEngineThread}, which any thread may call.
 */
interface ProcessHost {
    /** The engine's clock, in epoch milliseconds. */
    long now();

    SupervisorLog log();

    Launcher launcher();

    void publish(SupervisorEvent event);

    /**
     * False once the daemon is shutting down or restarting (no more automatic spawns), and
     * also, briefly, when this pass has spawned its share: the rest wait for the next pass
     * so that API requests are not held up behind hundreds of spawns.
     */
    boolean acceptingStarts();

    /** Counts a spawn against this pass's share. */
    void spawned();

    /** The daemon's environment for children: its own plus {@code [supervisord] environment}. */
    Map<String, String> baseEnvironment();

    /** SUPERVISOR_SERVER_URL when the program does not set serverurl. */
    Optional<String> serverUrl();

    /** Runs {@code task} on the engine thread, then re-evaluates every process. */
    void onEngineThread(Runnable task);
}
