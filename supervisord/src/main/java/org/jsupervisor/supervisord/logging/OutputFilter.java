package org.jsupervisor.supervisord.logging;

/**
 * Something put in front of a {@link ChildStreamLog} that sees a child's raw output before it
 * is logged and decides what is logged: the events package uses it for capture mode
 * ({@code *_capture_maxbytes}), PROCESS_LOG events and the event listener protocol.
 *
 * <p>Threading: called on the I/O thread that reads the stream, one chunk at a time, in order.
 * It must not block.
 */
@FunctionalInterface
public interface OutputFilter {
    /**
     * @param pid   the pid of the child that wrote the chunk
     * @param chunk the bytes, owned by the filter
     * @param log   the stream's log; {@link ChildStreamLog#record} logs what the filter lets through
     */
    void write(long pid, byte[] chunk, ChildStreamLog log);
}
