package org.jsupervisor.common.config;

import java.util.Locale;
import java.util.Optional;

/** Supervisor's log levels, most severe first, with the numbers Supervisor uses. */
public enum LogLevel {
    CRITICAL(50, "CRIT"),
    ERROR(40, "ERRO"),
    WARN(30, "WARN"),
    INFO(20, "INFO"),
    DEBUG(10, "DEBG"),
    TRACE(5, "TRAC"),
    BLATHER(3, "BLAT");

    private final int severity;
    private final String label;

    LogLevel(int severity, String label) {
        this.severity = severity;
        this.label = label;
    }

    public int severity() {
        return severity;
    }

    /** The four-letter word in the main log's lines. */
    public String label() {
        return label;
    }

    /** Accepts the names Supervisor accepts ({@code critical}, {@code warn}, {@code info}, ...). */
    public static Optional<LogLevel> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "critical" -> Optional.of(CRITICAL);
            case "error" -> Optional.of(ERROR);
            case "warn" -> Optional.of(WARN);
            case "info" -> Optional.of(INFO);
            case "debug" -> Optional.of(DEBUG);
            case "trace" -> Optional.of(TRACE);
            case "blather" -> Optional.of(BLATHER);
            default -> Optional.empty();
        };
    }
}
