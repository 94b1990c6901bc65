package org.jsupervisor.supervisord.logging;

import org.jsupervisor.common.config.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * supervisord's main log, with Supervisor's seven levels on top of SLF4J: CRIT is ERROR
 * with the {@link #CRITICAL} marker, BLAT is TRACE with the {@link #BLATHER} marker. The
 * Logback set-up ({@link MainLogSetup}) renders them as {@code CRIT} / {@code BLAT} and
 * filters by Supervisor's level. Stateless apart from the SLF4J logger; thread-safe.
 */
public final class SupervisorLog {
    public static final String LOGGER_NAME = "supervisord";
    public static final Marker CRITICAL = MarkerFactory.getMarker("CRIT");
    public static final Marker BLATHER = MarkerFactory.getMarker("BLAT");

    private final Logger log;

    public SupervisorLog() {
        this(LoggerFactory.getLogger(LOGGER_NAME));
    }

    public SupervisorLog(Logger log) {
        this.log = log;
    }

    public void critical(String msg) {
        log.error(CRITICAL, msg);
    }

    public void error(String msg) {
        log.error(msg);
    }

    public void warn(String msg) {
        log.warn(msg);
    }

    public void info(String msg) {
        log.info(msg);
    }

    public void debug(String msg) {
        log.debug(msg);
    }

    public void trace(String msg) {
        log.trace(msg);
    }

    public void blather(String msg) {
        if (log.isTraceEnabled()) {
            log.trace(BLATHER, msg);
        }
    }

    public void log(LogLevel level, String msg) {
        switch (level) {
            case CRITICAL -> critical(msg);
            case ERROR -> error(msg);
            case WARN -> warn(msg);
            case INFO -> info(msg);
            case DEBUG -> debug(msg);
            case TRACE -> trace(msg);
            case BLATHER -> blather(msg);
            default -> info(msg);
        }
    }

    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }
}
