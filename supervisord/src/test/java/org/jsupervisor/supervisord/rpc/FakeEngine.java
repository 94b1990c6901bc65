package org.jsupervisor.supervisord.rpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.Signal;
import org.jsupervisor.common.SupervisorState;
import org.jsupervisor.common.config.GroupConfig;
import org.jsupervisor.common.config.ProcessConfig;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.ConfigDiff;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.engine.EngineException;
import org.jsupervisor.supervisord.engine.EngineException.Failure;
import org.jsupervisor.supervisord.engine.GroupInfo;
import org.jsupervisor.supervisord.engine.LogFile;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.jsupervisor.supervisord.engine.ProcessInfo;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.logging.FileReads;

/**
 * A scriptable {@link Engine} for control-plane tests: no children, states changed by the
 * test. {@code start(id, true)} stays pending until {@link #becomeRunning} or
 * {@link #failStarting}; everything else answers at once.
 */
public final class FakeEngine implements Engine {

    final Map<ProcessId, Fake> processes = new ConcurrentHashMap<>();
    final Map<ProcessId, CompletableFuture<Void>> pendingStarts = new ConcurrentHashMap<>();
    final List<String> remoteEvents = new CopyOnWriteArrayList<>();
    final List<byte[]> stdin = new CopyOnWriteArrayList<>();
    volatile SupervisorState state = SupervisorState.RUNNING;
    volatile SupervisorConfig config;
    volatile ConfigDiff nextDiff = new ConfigDiff(List.of(), List.of(), List.of());
    final List<String> active = new CopyOnWriteArrayList<>();
    final Path logDir;
    final Path mainLog;
    volatile boolean shutdownRequested;
    volatile boolean restartRequested;
    /** When set, {@link #start} throws instead of failing its future. */
    volatile boolean throwOnStart;
    /** The AUTO stdout log names {@link #autoLogfile} reports, by process name. */
    final Map<String, String> autoStdoutNames = new ConcurrentHashMap<>();

    static final class Fake {
        volatile ProcessState state = ProcessState.STOPPED;
        volatile long pid;
        volatile Instant start = Instant.EPOCH;
        volatile Instant stop = Instant.EPOCH;
        volatile String spawnerr = "";
        volatile int exitstatus;
        final ProcessConfig config;

        Fake(ProcessConfig config) {
            this.config = config;
        }
    }

    public FakeEngine(SupervisorConfig config, Path logDir) throws IOException {
        this.config = config;
        this.logDir = logDir;
        this.mainLog = logDir.resolve("supervisord.log");
        Files.writeString(mainLog, "main log line\n");
        for (GroupConfig g : config.groups()) {
            activate(g);
        }
    }

    private void activate(GroupConfig g) {
        active.add(g.name());
        for (ProcessConfig pc : g.processes()) {
            processes.put(new ProcessId(g.name(), pc.name()), new Fake(pc));
        }
    }

    // ---- scripting ------------------------------------------------------------------------

    public void becomeRunning(ProcessId id) {
        Fake f = processes.get(id);
        f.state = ProcessState.RUNNING;
        CompletableFuture<Void> p = pendingStarts.remove(id);
        if (p != null) {
            p.complete(null);
        }
    }

    public void failStarting(ProcessId id) {
        Fake f = processes.get(id);
        f.state = ProcessState.BACKOFF;
        f.pid = 0;
        CompletableFuture<Void> p = pendingStarts.remove(id);
        if (p != null) {
            p.completeExceptionally(new EngineException(Failure.ABNORMAL_TERMINATION, id.namespec()));
        }
    }

    public Path logPath(ProcessId id, OutputChannel ch) {
        return logDir.resolve(id.group() + "-" + id.name() + "." + ch.label());
    }

    // ---- Engine ---------------------------------------------------------------------------

    @Override
    public java.util.Optional<String> autoLogfile(ProcessConfig process, OutputChannel channel) {
        return java.util.Optional.ofNullable(channel == OutputChannel.STDOUT ? autoStdoutNames.get(process.name()) : null);
    }

    @Override
    public SupervisorState state() {
        return state;
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
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
        shutdownRequested = true;
    }

    @Override
    public void restart() {
        restartRequested = true;
    }

    @Override
    public List<GroupInfo> groups() {
        List<GroupInfo> out = new ArrayList<>();
        for (GroupConfig g : config.groups()) {
            if (!active.contains(g.name())) {
                continue;
            }
            List<ProcessInfo> ps = new ArrayList<>();
            for (ProcessConfig pc : g.processes()) {
                ps.add(process(new ProcessId(g.name(), pc.name())));
            }
            out.add(new GroupInfo(g.name(), g.priority(), g, ps));
        }
        return out;
    }

    @Override
    public ProcessInfo process(ProcessId id) {
        Fake f = processes.get(id);
        if (f == null) {
            throw new EngineException(Failure.BAD_NAME, id.namespec());
        }
        return new ProcessInfo(id, f.state, f.pid, f.start, f.stop, Instant.now(), f.exitstatus, f.spawnerr,
                logPath(id, OutputChannel.STDOUT).toString(), logPath(id, OutputChannel.STDERR).toString(), f.config);
    }

    @Override
    public CompletableFuture<Void> start(ProcessId id, boolean wait) {
        if (throwOnStart) {
            throw new EngineException(Failure.FAILED, "boom");
        }
        Fake f = processes.get(id);
        if (f.state.isRunningState()) {
            return CompletableFuture.failedFuture(new EngineException(Failure.ALREADY_STARTED, id.namespec()));
        }
        if (f.config.command().startsWith("/nonexistent")) {
            return CompletableFuture.failedFuture(new EngineException(Failure.NO_FILE, "no such file"));
        }
        f.state = ProcessState.STARTING;
        f.pid = 4242;
        f.start = Instant.now();
        if (!wait) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> p = new CompletableFuture<>();
        pendingStarts.put(id, p);
        return p;
    }

    @Override
    public CompletableFuture<Void> stop(ProcessId id, boolean wait) {
        Fake f = processes.get(id);
        if (!f.state.isRunningState()) {
            return CompletableFuture.failedFuture(new EngineException(Failure.NOT_RUNNING, id.namespec()));
        }
        f.state = ProcessState.STOPPED;
        f.pid = 0;
        f.stop = Instant.now();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> signal(ProcessId id, Signal signal) {
        Fake f = processes.get(id);
        if (f.pid == 0) {
            return CompletableFuture.failedFuture(new EngineException(Failure.NOT_RUNNING, id.namespec()));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> sendStdin(ProcessId id, byte[] data) {
        Fake f = processes.get(id);
        if (f.pid == 0) {
            return CompletableFuture.failedFuture(new EngineException(Failure.NOT_RUNNING, id.namespec()));
        }
        stdin.add(data);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> clearLogs(ProcessId id) {
        try {
            for (OutputChannel ch : OutputChannel.values()) {
                Files.deleteIfExists(logPath(id, ch));
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new EngineException(Failure.FAILED, id.namespec()));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public LogFile processLog(ProcessId id, OutputChannel channel) {
        if (!processes.containsKey(id)) {
            throw new EngineException(Failure.BAD_NAME, id.namespec());
        }
        return new SimpleLog(logPath(id, channel));
    }

    @Override
    public LogFile mainLog() {
        return new SimpleLog(mainLog);
    }

    @Override
    public CompletableFuture<ConfigDiff> reloadConfig() {
        return CompletableFuture.completedFuture(nextDiff);
    }

    @Override
    public CompletableFuture<Void> addProcessGroup(String name) {
        Optional<GroupConfig> g = config.group(name);
        if (g.isEmpty()) {
            return CompletableFuture.failedFuture(new EngineException(Failure.BAD_NAME, name));
        }
        if (active.contains(name)) {
            return CompletableFuture.failedFuture(new EngineException(Failure.ALREADY_ADDED, name));
        }
        activate(g.get());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> removeProcessGroup(String name) {
        if (!active.contains(name)) {
            return CompletableFuture.failedFuture(new EngineException(Failure.BAD_NAME, name));
        }
        boolean running = processes.entrySet().stream()
                .anyMatch(e -> e.getKey().group().equals(name) && e.getValue().state.isRunningState());
        if (running) {
            return CompletableFuture.failedFuture(new EngineException(Failure.STILL_RUNNING, name));
        }
        active.remove(name);
        processes.keySet().removeIf(id -> id.group().equals(name));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Subscription subscribe(Consumer<? super SupervisorEvent> listener) {
        return () -> { };
    }

    @Override
    public void sendRemoteCommEvent(String type, String data) {
        remoteEvents.add(type + "|" + data);
    }

    /** Supervisor's readFile/tailFile over a plain file, as the real logs read it. */
    static final class SimpleLog implements LogFile {
        private final Path path;

        SimpleLog(Path path) {
            this.path = path;
        }

        @Override
        public Optional<Path> path() {
            return Optional.of(path);
        }

        @Override
        public byte[] read(long offset, long length) {
            return FileReads.read(path, offset, length);
        }

        @Override
        public Tail tail(long offset, long length) {
            return FileReads.tail(path, offset, length);
        }

        @Override
        public void clear() {
            try {
                Files.writeString(path, "");
            } catch (IOException e) {
                throw new EngineException(Failure.FAILED);
            }
        }
    }

    static Map<String, Object> map(Object o) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        return new LinkedHashMap<>(m);
    }
}
