package org.jsupervisor.supervisord.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsupervisor.common.PyRepr;
import org.jsupervisor.common.config.LogTarget;
import org.jsupervisor.common.config.ProcessConfig;
import org.jsupervisor.common.config.StreamLogConfig;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.logging.ChildStreamLog;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * Creates child stream logs: AUTO files named as Supervisor names them
 * ({@code name-stdout---identifier-XXXXXXXX.log}, created like mkstemp in childlogdir),
 * explicit paths, or none; and cleans old AUTO files at start-up.
 *
 * <p>An AUTO name, once made for a process configuration, stays with that configuration object
 * until the configuration is reread ({@link #keepAutoNamesOf}): Supervisor writes the name into
 * its configuration when it activates a group, so {@code getAllConfigInfo} shows it even after
 * the group is removed, and a group removed and added again logs to the same file.
 *
 * <p>Threading: {@link #create}, {@link #keepAutoNamesOf} and {@link #clearAutoLogDir} run on
 * the engine thread; {@link #autoName} may be called from any thread.
 */
final class ChildLogs {
    private static final String CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private final SecureRandom random = new SecureRandom();
    private final SupervisorLog log;
    /** AUTO log paths by process configuration object (identity: a reread makes new objects). */
    private final Map<ProcessConfig, Map<OutputChannel, Path>> autoNames = new IdentityHashMap<>();

    /** The log of a stream that is not logged to a file. */
    static final LogFile NO_LOG = new LogFile() {
        @Override
        public Optional<Path> path() {
            return Optional.empty();
        }

        @Override
        public byte[] read(long offset, long length) {
            throw new EngineException(EngineException.Failure.NO_FILE);
        }

        @Override
        public Tail tail(long offset, long length) {
            return new Tail(new byte[0], 0, false);
        }

        @Override
        public void clear() {
        }
    };

    ChildLogs(SupervisorLog log) {
        this.log = log;
    }

    ChildStreamLog create(SupervisorConfig config, ProcessConfig pc, OutputChannel channel) {
        StreamLogConfig sc = channel == OutputChannel.STDOUT ? pc.stdout() : pc.stderr();
        Path path = null;
        if (sc.target() instanceof LogTarget.File f) {
            path = Path.of(f.path());
        } else if (sc.target() instanceof LogTarget.Auto) {
            path = autoPath(config, pc, channel);
        }
        ChildStreamLog l = new ChildStreamLog(pc.name(), channel, sc, path, config.supervisord().stripAnsi(), log);
        l.open();
        return l;
    }

    private Path autoPath(SupervisorConfig config, ProcessConfig pc, OutputChannel channel) {
        synchronized (autoNames) {
            Map<OutputChannel, Path> known = autoNames.computeIfAbsent(pc, k -> new EnumMap<>(OutputChannel.class));
            Path p = known.get(channel);
            if (p == null) {
                p = newAutoFile(Path.of(config.supervisord().childlogdir()), pc.name(), channel.label(),
                        config.supervisord().identifier());
                if (p != null) {
                    known.put(channel, p);
                }
            }
            return p;
        }
    }

    /** The AUTO log file made for this very configuration object's {@code channel}, if any. */
    Optional<Path> autoName(ProcessConfig pc, OutputChannel channel) {
        synchronized (autoNames) {
            Map<OutputChannel, Path> known = autoNames.get(pc);
            return known == null ? Optional.empty() : Optional.ofNullable(known.get(channel));
        }
    }

    /**
     * Forgets the AUTO names of configuration objects not in {@code config} (it was just reread):
     * Supervisor's fresh configuration objects say "auto" again until their group is added.
     */
    void keepAutoNamesOf(SupervisorConfig config) {
        Map<ProcessConfig, Boolean> current = new IdentityHashMap<>();
        config.groups().forEach(g -> g.processes().forEach(pc -> current.put(pc, true)));
        synchronized (autoNames) {
            autoNames.keySet().retainAll(current.keySet());
        }
    }

    private Path newAutoFile(Path dir, String name, String channel, String identifier) {
        String prefix = name + "-" + channel + "---" + identifier + "-";
        for (int attempt = 0; attempt < 100; attempt++) {
            StringBuilder s = new StringBuilder(prefix);
            for (int i = 0; i < 8; i++) {
                s.append(CHARS.charAt(random.nextInt(CHARS.length())));
            }
            Path p = dir.resolve(s.append(".log").toString());
            try {
                Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                return p;
            } catch (FileAlreadyExistsException e) {
                // try another name, as mkstemp does
            } catch (IOException e) {
                log.error("cannot create AUTO log for " + name + " in " + dir + ": " + e.getMessage());
                return null;
            }
        }
        return null;
    }

    /** Removes AUTO logs of this identifier left by an earlier run (Supervisor's clear_autochildlogdir). */
    void clearAutoLogDir(String childlogdir, String identifier) {
        Pattern re = Pattern.compile(".+?---" + Pattern.quote(identifier) + "-\\S+\\.log\\.?\\d{0,4}");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(childlogdir))) {
            for (Path p : ds) {
                if (re.matcher(p.getFileName().toString()).lookingAt()) {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        log.warn("Failed to clean up " + PyRepr.of(p.toString()));
                    }
                }
            }
        } catch (IOException e) {
            log.warn("Could not clear childlog dir");
        }
    }

    void close(Subprocess p) {
        if (p.stdoutLog != null) {
            p.stdoutLog.close();
        }
        if (p.stderrLog != null) {
            p.stderrLog.close();
        }
    }
}
