package org.jsupervisor.common.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsupervisor.common.Signal;

/**
 * One process as the configuration describes it, after every expansion: one of these per
 * process of a {@code [program:x]} (numprocs of them), {@code [eventlistener:x]} or
 * {@code [fcgi-program:x]} section. Immutable, with value equality, so that a reread can
 * tell which groups changed.
 *
 * @param name          the process name ({@code process_name} expanded)
 * @param command       the command line, not yet split
 * @param environment   the {@code [supervisord]} environment overridden by the section's own
 *                      {@code environment} pairs, in file order, as Supervisor merges them at
 *                      load time (the daemon's process environment is not included; the
 *                      engine adds it at spawn time)
 * @param directory     {@code directory}, if set
 * @param umask         {@code umask}, if set
 * @param user          {@code user}, if set (name or numeric uid as written, expanded; the
 *                      loader has checked that it exists)
 * @param serverUrl     {@code serverurl}; empty when unset or {@code AUTO} (use the daemon's own)
 */
public record ProcessConfig(
        String name,
        String command,
        Map<String, String> environment,
        Optional<String> directory,
        Optional<Integer> umask,
        Optional<String> user,
        int priority,
        boolean autostart,
        AutoRestart autorestart,
        int startsecs,
        int startretries,
        Signal stopsignal,
        int stopwaitsecs,
        boolean stopasgroup,
        boolean killasgroup,
        Set<Integer> exitcodes,
        boolean redirectStderr,
        StreamLogConfig stdout,
        StreamLogConfig stderr,
        Optional<String> serverUrl) {

    public ProcessConfig {
        // keeps file order (Map.copyOf would not); equality is still by content
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        exitcodes = Set.copyOf(exitcodes);
    }

    /** The exit codes as an ordered list, for display and comparison. */
    public List<Integer> sortedExitcodes() {
        return exitcodes.stream().sorted().toList();
    }
}
