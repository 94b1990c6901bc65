package org.jsupervisor.supervisord.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jsupervisor.common.config.LogLevel;
import org.jsupervisor.supervisord.engine.EngineException;
import org.jsupervisor.supervisord.engine.LogFile;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Configures Logback in code for the main log: Supervisor's line format
 * ({@code 2026-01-02 03:04:05,678 INFO message}), its levels, a size-rotated file
 * ({@code logfile}, {@code logfile_maxbytes}, {@code logfile_backups}) and, when running in
 * the foreground and not silent, a copy on stdout. Also the main log's {@link LogFile} for
 * {@code readLog}/{@code clearLog}, and reopen on SIGUSR2.
 */
public final class MainLogSetup implements LogFile, AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneId.systemDefault());

    private final RotatingFile file;
    private final Appender appender;

    private MainLogSetup(RotatingFile file, Appender appender) {
        this.file = file;
        this.appender = appender;
    }

    /**
     * Replaces any Logback configuration.
     *
     * @param logfile  the file, or null/"syslog" for none
     * @param toStdout also write lines on stdout (nodaemon and not silent)
     */
    public static MainLogSetup configure(String logfile, long maxBytes, int backups, LogLevel level,
            boolean toStdout) throws IOException {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        RotatingFile rf = null;
        if (logfile != null && !logfile.isEmpty() && !"syslog".equalsIgnoreCase(logfile)) {
            rf = new RotatingFile(Path.of(logfile), maxBytes, backups);
            rf.open();
        }
        Appender app = new Appender(rf, toStdout ? System.out : null);
        app.setContext(ctx);
        app.setName("supervisord-main");
        app.start();
        ctx.addTurboFilter(new LevelFilter(level));
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(app);
        Logger ours = ctx.getLogger(SupervisorLog.LOGGER_NAME);
        ours.setLevel(toLogback(level));
        ours.setAdditive(false);
        ours.addAppender(app);
        return new MainLogSetup(rf, app);
    }

    static Level toLogback(LogLevel level) {
        return switch (level) {
            case CRITICAL, ERROR -> Level.ERROR;
            case WARN -> Level.WARN;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
            case TRACE, BLATHER -> Level.TRACE;
        };
    }

    /** Formats one line as Supervisor does. */
    public static String format(long epochMillis, String label, String message) {
        return TIME.format(Instant.ofEpochMilli(epochMillis)) + " " + label + " " + message + "\n";
    }

    static String label(Level level, Marker marker) {
        if (marker != null && marker.contains(SupervisorLog.CRITICAL)) {
            return "CRIT";
        }
        if (marker != null && marker.contains(SupervisorLog.BLATHER)) {
            return "BLAT";
        }
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "ERRO";
            case Level.WARN_INT -> "WARN";
            case Level.INFO_INT -> "INFO";
            case Level.DEBUG_INT -> "DEBG";
            default -> "TRAC";
        };
    }

    /** Reopens the file (SIGUSR2, after clearLog). */
    public void reopen() throws IOException {
        if (file != null) {
            file.reopen();
        }
    }

    @Override
    public Optional<Path> path() {
        return file == null ? Optional.empty() : Optional.of(file.path());
    }

    @Override
    public byte[] read(long offset, long length) {
        return FileReads.read(file == null ? null : file.path(), offset, length); // NO_FILE without one
    }

    @Override
    public Tail tail(long offset, long length) {
        return FileReads.tail(file == null ? null : file.path(), offset, length);
    }

    @Override
    public void clear() {
        if (file == null || !java.nio.file.Files.exists(file.path())) {
            throw new EngineException(EngineException.Failure.NO_FILE);
        }
        try {
            java.nio.file.Files.delete(file.path());
        } catch (IOException e) {
            throw new EngineException(EngineException.Failure.FAILED);
        }
        new SupervisorLog().info("reopening log file");
        try {
            file.reopen();
        } catch (IOException e) {
            throw new EngineException(EngineException.Failure.FAILED);
        }
    }

    @Override
    public void close() {
        appender.stop();
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // closing a log at exit: nothing useful to do
            }
        }
    }

    /** Drops events below Supervisor's level, which SLF4J's five levels cannot express alone. */
    private static final class LevelFilter extends TurboFilter {
        private final LogLevel threshold;

        LevelFilter(LogLevel threshold) {
            this.threshold = threshold;
        }

        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                Throwable t) {
            if (level == null || !SupervisorLog.LOGGER_NAME.equals(logger.getName())) {
                return FilterReply.NEUTRAL;
            }
            int severity = switch (label(level, marker)) {
                case "CRIT" -> 50;
                case "ERRO" -> 40;
                case "WARN" -> 30;
                case "INFO" -> 20;
                case "DEBG" -> 10;
                case "TRAC" -> 5;
                default -> 3;
            };
            return severity >= threshold.severity() ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    }

    /** Writes formatted lines to the rotating file and optionally stdout. */
    private static final class Appender extends AppenderBase<ILoggingEvent> {
        private final RotatingFile file;
        private final PrintStream stdout;

        Appender(RotatingFile file, PrintStream stdout) {
            this.file = file;
            this.stdout = stdout;
        }

        @Override
        protected void append(ILoggingEvent e) {
            Marker marker = e.getMarkerList() == null || e.getMarkerList().isEmpty() ? null : e.getMarkerList().get(0);
            String msg = e.getFormattedMessage();
            if (e.getThrowableProxy() != null && !SupervisorLog.LOGGER_NAME.equals(e.getLoggerName())) {
                msg = msg + ": " + e.getThrowableProxy().getMessage();
            }
            String line = format(e.getTimeStamp(), label(e.getLevel(), marker), msg);
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (file != null) {
                try {
                    file.write(bytes);
                } catch (IOException ex) {
                    addError("cannot write main log", ex);
                }
            }
            if (stdout != null) {
                stdout.write(bytes, 0, bytes.length);
                stdout.flush();
            }
        }
    }
}
