package org.jsupervisor.supervisord.rpc;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jsupervisor.common.ProcessState;

/**
 * The {@code description} field of process info, worded exactly as Supervisor words it
 * (supervisorctl prints it in {@code status}).
 */
final class Descriptions {
    private static final DateTimeFormatter STOPPED_AT = DateTimeFormatter.ofPattern("MMM dd hh:mm a", Locale.US);

    private Descriptions() {
    }

    /**
     * @param start   epoch seconds of the last start, 0 if never
     * @param stop    epoch seconds of the last stop
     * @param now     epoch seconds of the snapshot
     * @param zone    the daemon's local time zone (Supervisor formats stop times in it)
     */
    static String describe(ProcessState state, long pid, long start, long stop, long now, String spawnerr,
            String processName, ZoneId zone) {
        switch (state) {
            case RUNNING:
                return "pid " + pid + ", uptime " + uptime(Math.max(0, now - start));
            case FATAL:
            case BACKOFF:
                return spawnerr != null && !spawnerr.isEmpty() ? spawnerr
                        : "unknown error (try \"tail " + processName + "\")";
            case STOPPED:
            case EXITED:
                if (start == 0) {
                    return "Not started";
                }
                return STOPPED_AT.format(Instant.ofEpochSecond(stop).atZone(zone));
            default:
                return "";
        }
    }

    /** Python's {@code str(timedelta)}: {@code 0:00:05}, {@code 1 day, 2:03:04}, {@code 3 days, ...}. */
    static String uptime(long seconds) {
        long days = seconds / 86400;
        long rest = seconds % 86400;
        String hms = String.format(Locale.ROOT, "%d:%02d:%02d", rest / 3600, (rest % 3600) / 60, rest % 60);
        if (days == 0) {
            return hms;
        }
        return days + (days == 1 ? " day, " : " days, ") + hms;
    }
}
