package org.jsupervisor.supervisord.http;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the streaming log endpoints find their files. Backed by the engine's current
 * configuration, so the answer follows {@code update} and {@code reload}.
 * Must be thread-safe and must not block.
 */
public interface TailSources {
    /**
     * The log file of one process channel.
     *
     * @param namespec {@code name} or {@code group:name}, as in the URL
     * @param channel  {@code stdout} or {@code stderr}; anything else has no file
     * @return empty when the process is unknown or the channel has no log file (404)
     */
    Optional<Path> processLog(String namespec, String channel);

    /** The daemon's own log file, if it writes one. */
    Optional<Path> mainLog();
}
