package org.jsupervisor.common.config;

import java.util.Map;
import java.util.Optional;

/** The {@code [supervisord]} section, with defaults applied and paths made absolute. */
public record SupervisordSection(
        String logfile,
        long logfileMaxbytes,
        int logfileBackups,
        LogLevel loglevel,
        String pidfile,
        int umask,
        boolean nodaemon,
        boolean silent,
        int minfds,
        int minprocs,
        boolean nocleanup,
        String childlogdir,
        Optional<String> user,
        Optional<String> directory,
        boolean stripAnsi,
        Map<String, String> environment,
        String identifier) {
    public SupervisordSection {
        // keeps file order (Map.copyOf would not); equality is still by content
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }
}
