package org.jsupervisor.common.config;

/**
 * The logging settings of one child stream (stdout or stderr).
 *
 * @param target          where the bytes go ({@code *_logfile})
 * @param maxBytes        {@code *_logfile_maxbytes}; 0 means never rotate
 * @param backups         {@code *_logfile_backups}
 * @param captureMaxBytes {@code *_capture_maxbytes}; 0 disables capture mode
 * @param eventsEnabled   {@code *_events_enabled}
 * @param syslog          {@code *_syslog}: also send lines to syslog
 */
public record StreamLogConfig(
        LogTarget target,
        long maxBytes,
        int backups,
        long captureMaxBytes,
        boolean eventsEnabled,
        boolean syslog) {
}
