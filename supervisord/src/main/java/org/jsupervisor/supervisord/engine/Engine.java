package org.jsupervisor.supervisord.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jsupervisor.common.Signal;
import org.jsupervisor.common.SupervisorState;
import org.jsupervisor.common.config.ProcessConfig;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;

/**
 * The process engine as the control plane (XML-RPC, web UI) and tests see it.
 *
 * <h2>Threading contract</h2>
 * <ul>
 * <li>Every method may be called from any thread, concurrently. None of them blocks on a
 * child process: queries return immutable snapshots taken from the engine's single event
 * loop thread; actions are queued to that thread and return a {@link CompletableFuture}.</li>
 * <li>Futures are completed <em>on the engine thread</em>. Dependent stages that block or
 * take long must use the {@code *Async} variants with their own executor; a callback that
 * blocks the engine thread stalls supervision of every child.</li>
 * <li>Failures are reported by completing the future exceptionally with an
 * {@link EngineException} (possibly wrapped in a {@code CompletionException}); its
 * {@link EngineException#failure()} names the Supervisor fault to answer with.
 * Synchronous methods throw {@code EngineException} directly.</li>
 * <li>Event listeners ({@link #subscribe}) are called on the engine thread, in event order.
 * They must not block; hand work off to another executor if needed.</li>
 * </ul>
 *
 * <h2>Names</h2>
 * A process is addressed by {@link ProcessId} (group and process name). Parsing
 * {@code group:name}, {@code name} and {@code group:*} is the caller's job, as is
 * composing group-wide and all-process operations from the per-process ones (the order of
 * {@link #groups()} and {@link GroupInfo#processes()} is Supervisor's priority order).
 */
public interface Engine {

    // ---- the daemon -------------------------------------------------------------------

    /** RUNNING, RESTARTING or SHUTDOWN (the API refuses calls once not RUNNING). */
    SupervisorState state();

    /** The daemon's process id. */
    long pid();

    /** {@code [supervisord] identifier} (or {@code -i}). */
    String identifier();

    /**
     * The configuration most recently read (at start-up or by {@link #reloadConfig()}):
     * what Supervisor's {@code options} hold. Groups in it may not be active yet;
     * {@link #groups()} lists the active ones.
     */
    SupervisorConfig config();

    /** Asks the daemon to stop every process by priority and exit. Returns at once. */
    void shutdown();

    /** Asks the daemon to stop every process, reread its config and start again. Returns at once. */
    void restart();

    // ---- queries ------------------------------------------------------------------------

    /**
     * Active groups in ascending priority (ties in configuration order), each with its
     * processes in priority order, as Supervisor sorts them.
     */
    List<GroupInfo> groups();

    /** Snapshot of one process. @throws EngineException BAD_NAME if there is no such process */
    ProcessInfo process(ProcessId id);

    // ---- process actions --------------------------------------------------------------

    /**
     * Starts a process as Supervisor's {@code startProcess} does: NO_FILE / NOT_EXECUTABLE
     * if the command cannot be run, ALREADY_STARTED if running, FAILED if in UNKNOWN state,
     * SPAWN_ERROR if the spawn failed at once. With {@code wait}, completes once the process
     * is RUNNING, or fails with SPAWN_ERROR (it got a spawn error) or ABNORMAL_TERMINATION (it
     * left STARTING for anything but RUNNING). Without, completes once spawned.
     */
    CompletableFuture<Void> start(ProcessId id, boolean wait);

    /**
     * Stops a process with its stopsignal (then SIGKILL after stopwaitsecs): NOT_RUNNING if
     * not in a running state, FAILED (with Supervisor's message) if it could not be
     * signalled. With {@code wait}, completes once in STOPPED, EXITED, FATAL or UNKNOWN.
     */
    CompletableFuture<Void> stop(ProcessId id, boolean wait);

    /** Sends a signal without intending to stop: NOT_RUNNING if no live child, FAILED on error. */
    CompletableFuture<Void> signal(ProcessId id, Signal signal);

    /** Writes bytes to the child's stdin: NOT_RUNNING if no child (or being killed), NO_FILE if stdin closed. */
    CompletableFuture<Void> sendStdin(ProcessId id, byte[] data);

    /** Truncates both child logs (and their backups) and reopens them: FAILED on I/O error. */
    CompletableFuture<Void> clearLogs(ProcessId id);

    // ---- logs ----------------------------------------------------------------------------

    /** The log of one of a process's output streams. @throws EngineException BAD_NAME */
    LogFile processLog(ProcessId id, OutputChannel channel);

    /**
     * The file an AUTO log of {@code process} (an object of {@link #config()}) was given when
     * its group was activated from that very configuration: Supervisor writes the name into its
     * configuration at activation and shows it there (in {@code getAllConfigInfo}) until the
     * file is reread, whether the group is still active or not; re-adding the group logs to the
     * same file. Empty when the log is not AUTO or no group was activated from this read.
     * Any thread.
     */
    default Optional<String> autoLogfile(ProcessConfig process, OutputChannel channel) {
        return Optional.empty();
    }

    /** supervisord's own log. */
    LogFile mainLog();

    // ---- configuration changes -----------------------------------------------------------

    /**
     * Rereads the configuration file (as {@code supervisor.reloadConfig}) and returns the
     * group-level difference with the active groups. Fails with CANT_REREAD and the
     * parser's message if the file is broken; then nothing changes.
     */
    CompletableFuture<ConfigDiff> reloadConfig();

    /**
     * Activates a group from the last-read configuration; its autostart processes start.
     * BAD_NAME if not in that configuration, ALREADY_ADDED if already active.
     */
    CompletableFuture<Void> addProcessGroup(String name);

    /** Removes an active group whose processes are all stopped: BAD_NAME, STILL_RUNNING. */
    CompletableFuture<Void> removeProcessGroup(String name);

    // ---- events ----------------------------------------------------------------------------

    /**
     * Calls {@code listener} with every event published from now on (see the threading
     * contract). Close the returned subscription to stop.
     */
    Subscription subscribe(Consumer<? super SupervisorEvent> listener);

    /** Publishes a REMOTE_COMMUNICATION event ({@code supervisor.sendRemoteCommEvent}). */
    void sendRemoteCommEvent(String type, String data);

    /** A registration made by {@link #subscribe}. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
