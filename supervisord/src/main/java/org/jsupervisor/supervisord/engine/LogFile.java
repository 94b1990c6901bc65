package org.jsupervisor.supervisord.engine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Read access to a log file (a child stream's or the main log), with Supervisor's
 * {@code readFile} / {@code tailFile} semantics. Bytes are returned as written (they may
 * not be valid UTF-8). Thread-safe; reads do not block the engine.
 */
public interface LogFile {

    /** The current file, or empty if this stream is not logged to a file (NONE, syslog only). */
    Optional<Path> path();

    /**
     * Reads as {@code readLog}/{@code readProcessStdoutLog}: a negative {@code offset} with
     * {@code length} 0 reads that many bytes from the end; {@code length} 0 reads to the end.
     *
     * @throws EngineException NO_FILE (no file or it does not exist), BAD_ARGUMENTS, FAILED
     */
    byte[] read(long offset, long length);

    /**
     * Reads as {@code tailProcessStdoutLog}: up to {@code length} bytes ending at the end of
     * the file, starting no earlier than {@code offset}; {@code overflow} tells that bytes
     * between {@code offset} and the returned start were skipped. An absent file gives
     * empty bytes, the given offset and no overflow.
     */
    Tail tail(long offset, long length);

    /**
     * Removes the file (and, for child logs, its backups) and reopens an empty one.
     *
     * @throws EngineException NO_FILE (main log without file), FAILED on I/O error
     */
    void clear();

    /** The answer of {@link #tail}: the bytes, the offset to ask from next, and whether bytes were skipped. */
    record Tail(byte[] bytes, long offset, boolean overflow) {
    }
}
