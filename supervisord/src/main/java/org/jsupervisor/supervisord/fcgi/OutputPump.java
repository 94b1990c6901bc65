package org.jsupervisor.supervisord.fcgi;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jsupervisor.supervisord.engine.Launcher;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the stdout/stderr pipes of children spawned by {@link FdSpawner}: one thread, one
 * epoll set, whatever the number of children (NuProcess does the same for the others; its
 * loop cannot take descriptors it did not create). Level-triggered; up to 64 KiB per
 * readiness per pipe, so one chatty child cannot starve the rest.
 *
 * <p>Threading: {@link #watch} may be called from any thread. Listener callbacks run on
 * the pump thread, each pipe's bytes in order, then {@code onEof} once; they must not
 * block. The thread starts with the first pipe and ends with {@link #close}.
 */
final class OutputPump implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPump.class);
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_EVENTS = 64;
    /** struct epoll_event is packed (12 bytes) on x86-64 only. */
    private static final int EVENT_SIZE = isX86() ? 12 : 16;
    private static final int DATA_OFFSET = isX86() ? 4 : 8;

    private record Pipe(int fd, OutputChannel channel, Launcher.ChildListener listener) {
    }

    private final Map<Integer, Pipe> pipes = new ConcurrentHashMap<>();
    private final int epfd;
    private final int wakeFd;
    private final Thread thread;
    private volatile boolean closed;

    OutputPump() {
        epfd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        wakeFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (epfd < 0 || wakeFd < 0) {
            throw new IllegalStateException("epoll: " + LibC.describe(LibC.errno()));
        }
        add(wakeFd);
        thread = new Thread(this::run, "supervisord-fcgi-output");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    private void add(int fd) {
        Memory ev = new Memory(16);
        ev.clear();
        ev.setInt(0, LibC.EPOLLIN);
        ev.setInt(DATA_OFFSET, fd);
        if (LibC.epoll_ctl(epfd, LibC.EPOLL_CTL_ADD, fd, ev) != 0) {
            throw new IllegalStateException("epoll_ctl: " + LibC.describe(LibC.errno()));
        }
    }

    /** Starts reading {@code fd} (a non-blocking pipe read end this pump now owns and closes at EOF). */
    void watch(int fd, OutputChannel channel, Launcher.ChildListener listener) {
        pipes.put(fd, new Pipe(fd, channel, listener));
        add(fd);
    }

    private void run() {
        Memory events = new Memory((long) EVENT_SIZE * MAX_EVENTS);
        Memory buf = new Memory(BUFFER);
        while (!closed) {
            int n = LibC.epoll_wait(epfd, events, MAX_EVENTS, -1);
            if (n < 0) {
                if (LibC.errno() != LibC.EINTR) {
                    LOG.error("epoll_wait failed: {}", LibC.describe(LibC.errno()));
                    return;
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                int fd = events.getInt((long) i * EVENT_SIZE + DATA_OFFSET);
                Pipe p = pipes.get(fd);
                if (p != null) {
                    readOnce(p, buf);
                }
            }
        }
    }

    private void readOnce(Pipe p, Memory buf) {
        long got = LibC.read(p.fd, buf, BUFFER);
        if (got > 0) {
            ByteBuffer data = buf.getByteBuffer(0, got);
            try {
                p.listener.onOutput(p.channel, data);
            } catch (RuntimeException e) {
                LOG.error("output handler failed", e);
            }
            return;
        }
        if (got < 0 && (LibC.errno() == LibC.EAGAIN || LibC.errno() == LibC.EINTR)) {
            return;
        }
        // EOF (or a read error, which we treat the same): the writer side is gone
        pipes.remove(p.fd);
        LibC.epoll_ctl(epfd, LibC.EPOLL_CTL_DEL, p.fd, null);
        LibC.close(p.fd);
        try {
            p.listener.onEof(p.channel);
        } catch (RuntimeException e) {
            LOG.error("EOF handler failed", e);
        }
    }

    /** Stops the thread; pipes still open are closed without further callbacks. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LibC.write(wakeFd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pipes.keySet().forEach(LibC::close);
        pipes.clear();
        LibC.close(wakeFd);
        LibC.close(epfd);
    }
}
