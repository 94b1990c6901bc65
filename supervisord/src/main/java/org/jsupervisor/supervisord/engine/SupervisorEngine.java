package org.jsupervisor.supervisord.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jsupervisor.common.Signal;
import org.jsupervisor.common.SupervisorState;
import org.jsupervisor.common.config.ConfigException;
import org.jsupervisor.common.config.GroupConfig;
import org.jsupervisor.common.config.ProcessConfig;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.EngineException.Failure;
import org.jsupervisor.supervisord.engine.event.RemoteCommunicationEvent;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.engine.event.SupervisorStateEvent;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * The engine: every process's state lives on one thread ("supervisord-engine"), driven by
 * child events (exit, EOF), API requests and timers set for the next time-driven transition
 * (never a fixed poll). After anything happens it runs a "pass": collect exits, run each
 * process's {@code transition(now)}, advance an ordered shutdown, settle waiting requests,
 * and arm one timer for the earliest deadline. The thread, pass coalescing and the timer
 * itself live in {@link EngineThread}; this class decides what a pass does.
 */
public final class SupervisorEngine implements Engine, AutoCloseable {

    /** How {@link #termination()} ends: the final mood and, for a restart, the configuration to restart with. */
    public record Termination(SupervisorState mood, SupervisorConfig nextConfig) {
    }

    private final EngineThread loop;
    private final LongSupplier clock;
    private final Launcher launcher;
    private final SupervisorLog log;
    private final LogFile mainLog;
    private final ConfigSource configSource;
    private final ChildLogs childLogs;
    private final Map<String, String> baseEnv;
    private final Optional<String> serverUrl;
    private final Host host = new Host();
    private final EventBus events;

    private volatile SupervisorConfig config;
    private volatile SupervisorState mood = SupervisorState.RUNNING;
    private SupervisorConfig nextConfig;
    private final ProcessGroups groups;
    private final List<Waiter> waiters = new ArrayList<>();
    private final CompletableFuture<Termination> termination = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Automatic spawns per pass before yielding to queued requests. */
    private static final int SPAWNS_PER_PASS = 25;
    private int spawnsThisPass;
    private OrderedShutdown shutdown;

    public SupervisorEngine(SupervisorConfig config, ConfigSource configSource, Launcher launcher, SupervisorLog log,
            LogFile mainLog, LongSupplier clock) {
        this.config = config;
        this.configSource = configSource;
        this.launcher = launcher;
        this.log = log;
        this.mainLog = mainLog;
        this.clock = clock;
        this.childLogs = new ChildLogs(log);
        Map<String, String> env = new LinkedHashMap<>(ChildSpecs.inheritedEnvironment(System.getenv(),
                System.getProperty(LAUNCHER_ENV_PROPERTY, "")));
        env.putAll(config.supervisord().environment());
        this.baseEnv = Map.copyOf(env);
        this.serverUrl = ChildSpecs.serverUrlOf(config);
        this.loop = new EngineThread(clock, log);
        loop.onPass(this::pass);
        ScheduledExecutorService ex = loop.executor();
        this.events = new EventBus(log, ex, clock);
        this.groups = new ProcessGroups(childLogs, events,
                new org.jsupervisor.supervisord.fcgi.FcgiPools(this, launcher, log, ex::execute)); // fcgi hook (issue 9)
    }

    /**
     * Names (comma-separated) of variables {@code bin/supervisord} put into the JVM's
     * environment for the JVM itself ({@code _JAVA_SR_SIGNUM}); children must not see them.
     */
    public static final String LAUNCHER_ENV_PROPERTY = "jsupervisor.launcherEnv";

    // ---- life cycle -------------------------------------------------------------------------

    /** Cleans the AUTO log directory (unless nocleanup), activates every group and starts autostart programs. */
    public CompletableFuture<Void> start() {
        return call(() -> {
            if (!config.supervisord().nocleanup()) {
                childLogs.clearAutoLogDir(config.supervisord().childlogdir(), config.supervisord().identifier());
            }
            for (GroupConfig g : config.groups()) {
                addGroup(g);
            }
            publish(new SupervisorStateEvent(true));
            events.startTicks(() -> !termination.isDone());
            return null;
        });
    }

    /** Completes when a shutdown or restart has stopped every process. */
    public CompletableFuture<Termination> termination() {
        return termination;
    }

    /** Reopens every child log (SIGUSR2). */
    public void reopenLogs() {
        loop.execute(groups::reopenLogs);
    }

    /** Stops the engine thread and the launcher; call after {@link #termination()}. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.execute(() -> {
            for (Waiter w : waiters) {
                w.future().completeExceptionally(new EngineException(Failure.SHUTDOWN_STATE));
            }
            waiters.clear();
            groups.close();
        });
        loop.shutdownAndAwait();
        launcher.close();
    }

    // ---- Engine: the daemon ---------------------------------------------------------------------

    @Override
    public SupervisorState state() {
        return mood;
    }

    @Override
    public long pid() {
        return Posix.pid();
    }

    @Override
    public String identifier() {
        return config.supervisord().identifier();
    }

    @Override
    public SupervisorConfig config() {
        return config;
    }

    @Override
    public void shutdown() {
        if (loop.isShutdown()) {
            return;
        }
        loop.execute(() -> {
            mood = SupervisorState.SHUTDOWN;
            requestPass();
        });
    }

    @Override
    public void restart() {
        loop.execute(() -> {
            if (mood != SupervisorState.RUNNING) {
                return;
            }
            SupervisorConfig next;
            try {
                next = configSource.load();
            } catch (ConfigException e) {
                // Better than Supervisor: a broken file must not take the running programs down.
                log.error("restart refused, keeping the current configuration and every program running: "
                        + e.getMessage());
                return;
            } catch (RuntimeException e) {
                log.error("restart refused, keeping the current configuration: " + e);
                return;
            }
            nextConfig = next;
            mood = SupervisorState.RESTARTING;
            requestPass();
        });
    }

    // ---- Engine: queries ------------------------------------------------------------------------

    @Override
    public List<GroupInfo> groups() {
        return join(call(() -> {
            long now = clock.getAsLong();
            List<GroupInfo> out = new ArrayList<>();
            for (ProcessGroupRuntime g : groups.sorted()) {
                List<ProcessInfo> ps = new ArrayList<>();
                for (Subprocess p : g.byPriority()) {
                    ps.add(p.snapshot(now));
                }
                out.add(new GroupInfo(g.name(), g.priority(), g.config, ps));
            }
            return out;
        }));
    }

    @Override
    public ProcessInfo process(ProcessId id) {
        return join(call(() -> groups.find(id).snapshot(clock.getAsLong())));
    }

    // ---- Engine: actions ------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> start(ProcessId id, boolean wait) {
        return action(id, p -> ProcessActions.start(p, clock.getAsLong(), wait, waiters));
    }

    @Override
    public CompletableFuture<Void> stop(ProcessId id, boolean wait) {
        return action(id, p -> ProcessActions.stop(p, clock.getAsLong(), wait, waiters));
    }

    @Override
    public CompletableFuture<Void> signal(ProcessId id, Signal signal) {
        return action(id, p -> ProcessActions.signal(p, clock.getAsLong(), signal));
    }

    @Override
    public CompletableFuture<Void> sendStdin(ProcessId id, byte[] data) {
        byte[] copy = data.clone();
        return action(id, p -> ProcessActions.sendStdin(p, copy));
    }

    @Override
    public CompletableFuture<Void> clearLogs(ProcessId id) {
        return action(id, ProcessActions::clearLogs);
    }

    @Override
    public LogFile processLog(ProcessId id, OutputChannel channel) {
        Subprocess p = join(call(() -> groups.find(id)));
        LogFile l = channel == OutputChannel.STDOUT ? p.stdoutLog : p.stderrLog;
        return l != null ? l : ChildLogs.NO_LOG;
    }

    @Override
    public Optional<String> autoLogfile(ProcessConfig process, OutputChannel channel) {
        return childLogs.autoName(process, channel).map(Path::toString);
    }

    @Override
    public LogFile mainLog() {
        return mainLog;
    }

    // ---- Engine: configuration changes ----------------------------------------------------------------

    @Override
    public CompletableFuture<ConfigDiff> reloadConfig() {
        return call(() -> {
            SupervisorConfig next;
            try {
                next = configSource.load();
            } catch (ConfigException e) {
                throw new EngineException(Failure.CANT_REREAD, e.getMessage());
            }
            config = next;
            childLogs.keepAutoNamesOf(next);
            return GroupDiff.compute(groups.byName(), next);
        });
    }

    @Override
    public CompletableFuture<Void> addProcessGroup(String name) {
        return call(() -> {
            GroupConfig g = config.group(name).orElseThrow(() -> new EngineException(Failure.BAD_NAME, name));
            if (groups.contains(name)) {
                throw new EngineException(Failure.ALREADY_ADDED, name);
            }
            addGroup(g);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> removeProcessGroup(String name) {
        return call(() -> {
            groups.remove(name);
            return null;
        });
    }

    private void addGroup(GroupConfig g) {
        groups.add(config, g, host, Host::new);
        requestPass();
    }

    // ---- Engine: events ------------------------------------------------------------------------------

    @Override
    public Subscription subscribe(Consumer<? super SupervisorEvent> listener) {
        return events.subscribe(listener);
    }

    @Override
    public void sendRemoteCommEvent(String type, String data) {
        events.publishLater(new RemoteCommunicationEvent(type, data));
    }

    private void publish(SupervisorEvent e) {
        events.publish(e);
    }

    // ---- the pass --------------------------------------------------------------------------------------

    private void requestPass() {
        loop.requestPass();
    }

    private void pass() {
        spawnsThisPass = 0;
        try {
            boolean again = true;
            while (again) {
                again = passOnce(clock.getAsLong());
            }
        } catch (RuntimeException e) {
            log.critical("engine error: " + e);
        }
        settleWaiters();
        armTimer();
        if (spawnsThisPass >= SPAWNS_PER_PASS) {
            requestPass(); // more to spawn: after whatever requests queued meanwhile
        }
    }

    /** One round of Supervisor's main loop; returns true if another round is due at once. */
    private boolean passOnce(long now) {
        List<ProcessGroupRuntime> sorted = groups.sorted();
        if (mood != SupervisorState.RUNNING) {
            if (shutdown == null) {
                shutdown = new OrderedShutdown(sorted, log);
                publish(new SupervisorStateEvent(false));
            }
            if (shutdown.stopNextGroup(sorted, now)) {
                termination.complete(new Termination(mood, nextConfig));
                return false;
            }
        }
        for (ProcessGroupRuntime g : sorted) {
            for (Subprocess p : g.processes) {
                safely(p, () -> p.collectExit(now));
                safely(p, () -> p.transition(now));
            }
        }
        return shutdown != null && shutdown.advance(sorted);
    }

    private void safely(Subprocess p, Runnable r) {
        try {
            r.run();
        } catch (IllegalStateException e) {
            log.critical(e.getMessage());
        }
    }

    private void settleWaiters() {
        long now = clock.getAsLong();
        waiters.removeIf(w -> {
            try {
                if (w.done().test(now)) {
                    w.future().complete(null);
                    return true;
                }
                return false;
            } catch (EngineException e) {
                w.future().completeExceptionally(e);
                return true;
            }
        });
    }

    private void armTimer() {
        long next = Long.MAX_VALUE;
        for (ProcessGroupRuntime g : groups.all()) {
            for (Subprocess p : g.processes) {
                next = Math.min(next, p.nextDeadline());
            }
        }
        for (Waiter w : waiters) {
            next = Math.min(next, w.deadline().getAsLong());
        }
        if (shutdown != null && !termination.isDone()) {
            next = Math.min(next, shutdown.nextReport());
        }
        loop.wakeAt(next);
    }

    // ---- plumbing ----------------------------------------------------------------------------------------

    private interface Action {
        CompletableFuture<Void> run(Subprocess p);
    }

    private CompletableFuture<Void> action(ProcessId id, Action a) {
        return call(() -> a.run(groups.find(id))).thenCompose(f -> f);
    }

    private <T> CompletableFuture<T> call(EngineThread.Call<T> c) {
        return loop.call(c);
    }

    private static <T> T join(CompletableFuture<T> f) {
        return EngineThread.join(f);
    }

    private final class Host implements ProcessHost {
        /** fcgi hook (issue 9): a group's own launcher, or null for the engine's. */
        private final Launcher own;

        Host() {
            this(null);
        }

        Host(Launcher own) {
            this.own = own;
        }

        @Override
        public long now() {
            return clock.getAsLong();
        }

        @Override
        public SupervisorLog log() {
            return log;
        }

        @Override
        public Launcher launcher() {
            return own != null ? own : launcher;
        }

        @Override
        public void publish(SupervisorEvent event) {
            SupervisorEngine.this.publish(event);
        }

        @Override
        public boolean acceptingStarts() {
            return mood == SupervisorState.RUNNING && spawnsThisPass < SPAWNS_PER_PASS;
        }

        @Override
        public void spawned() {
            spawnsThisPass++;
        }

        @Override
        public Map<String, String> baseEnvironment() {
            return baseEnv;
        }

        @Override
        public Optional<String> serverUrl() {
            return serverUrl;
        }

        @Override
        public void onEngineThread(Runnable task) {
            loop.executeThenPass(task);
        }
    }
}
