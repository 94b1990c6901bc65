package org.jsupervisor.supervisord.engine;

import java.time.Instant;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.config.ProcessConfig;

/**
 * An immutable snapshot of one process, with what {@code getProcessInfo} reports.
 *
 * @param start         when it was last spawned; {@link Instant#EPOCH} if never
 * @param stop          when it last exited; {@link Instant#EPOCH} if never
 * @param now           when this snapshot was taken
 * @param pid           the live child's pid, 0 if none
 * @param exitstatus    the last exit status (0 if none; -1 if killed by a signal)
 * @param spawnerr      the last spawn error text, "" if none
 * @param stdoutLogfile the stdout log file path (AUTO resolved), "" if none
 * @param stderrLogfile the stderr log file path, "" if none
 */
public record ProcessInfo(
        ProcessId id,
        ProcessState state,
        long pid,
        Instant start,
        Instant stop,
        Instant now,
        int exitstatus,
        String spawnerr,
        String stdoutLogfile,
        String stderrLogfile,
        ProcessConfig config) {

    public String group() {
        return id.group();
    }

    public String name() {
        return id.name();
    }
}
