package org.jsupervisor.supervisord.engine;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every child's pipes on one thread and one epoll set, whatever the number of children:
 * their stdout and stderr are read here, and stdin data that did not fit in the pipe at once
 * is written from here when the child reads. No thread, buffer or native allocation per child:
 * one 64 KiB read buffer serves them all, because each chunk is handed to its listener (which
 * writes it to the child's log) before the next read.
 *
 * <p>Reads are level-triggered and take at most {@value #READS_PER_WAKE} chunks per pipe per
 * wake-up, so a child flooding its pipe cannot starve the others. A pipe is read until the
 * kernel says end-of-file, even after a hang-up, so the tail of a dying child's output is
 * never dropped.
 *
 * <p>Threading: {@link #watch}, {@link #openStdin}, {@link Stdin#write} and
 * {@link Stdin#close} may be called from any thread. Listener callbacks run on the I/O
 * thread, each pipe's bytes in order and then {@code onEof} once; they must not block for long.
 */
final class ChildIo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildIo.class);
    private static final int CHUNK = 64 * 1024;
    private static final int READS_PER_WAKE = 4;
    private static final int MAX_EVENTS = 128;

    /** A descriptor in the epoll set. The serial tells a stale event for a reused fd number apart. */
    private abstract static class Endpoint {
        final int fd;
        final int serial;

        Endpoint(int fd, int serial) {
            this.fd = fd;
            this.serial = serial;
        }
    }

    private static final class Reader extends Endpoint {
        final OutputChannel channel;
        final Launcher.ChildListener listener;

        Reader(int fd, int serial, OutputChannel channel, Launcher.ChildListener listener) {
            super(fd, serial);
            this.channel = channel;
            this.listener = listener;
        }
    }

    /** How many chunks a released pipe may still give: what a grandchild wrote, not a flood. */
    private static final int LAST_READS = 16;
    private static final byte[] ONE = {1, 0, 0, 0, 0, 0, 0, 0};

    private final Map<Integer, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** The one read buffer, used by the I/O thread only. */
    private final ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
    private final Pointer bufAddress = Native.getDirectBufferPointer(buf);
    private final AtomicInteger serials = new AtomicInteger();
    private final Object ctlLock = new Object();
    private final Memory ctlEvent = new Memory(16);
    private final int epfd;
    private final int wakeFd;
    private final Thread thread;
    private volatile boolean closed;

    ChildIo() {
        epfd = LibcIo.epoll_create1(LibcIo.EPOLL_CLOEXEC);
        wakeFd = LibcIo.eventfd(0, LibcIo.EFD_CLOEXEC | LibcIo.EFD_NONBLOCK);
        if (epfd < 0 || wakeFd < 0) {
            throw new IllegalStateException("epoll: " + Errno.name(LibcIo.errno()));
        }
        control(LibcIo.EPOLL_CTL_ADD, wakeFd, 0, LibcIo.EPOLLIN);
        thread = new Thread(this::run, "supervisord-child-io");
        thread.setDaemon(true);
        thread.start();
    }

    private boolean control(int op, int fd, int serial, int events) {
        synchronized (ctlLock) {
            ctlEvent.clear();
            ctlEvent.setInt(0, events);
            ctlEvent.setLong(LibcIo.EPOLL_DATA_OFFSET, ((long) serial << 32) | (fd & 0xffffffffL));
            return LibcIo.epoll_ctl(epfd, op, fd, ctlEvent) == 0;
        }
    }

    /**
     * Starts reading {@code fd}, a non-blocking pipe read end that this object now owns and
     * closes at end-of-file.
     */
    Watched watch(int fd, OutputChannel channel, Launcher.ChildListener listener) {
        Reader r = new Reader(fd, serials.incrementAndGet(), channel, listener);
        endpoints.put(fd, r);
        if (!control(LibcIo.EPOLL_CTL_ADD, fd, r.serial, LibcIo.EPOLLIN)) {
            endpoints.remove(fd);
            LibcIo.close(fd);
            throw new IllegalStateException("epoll_ctl: " + Errno.name(LibcIo.errno()));
        }
        return new Watched(r);
    }

    /** A pipe being read, as {@link #watch} returned it. */
    final class Watched {
        private final Reader reader;

        private Watched(Reader reader) {
            this.reader = reader;
        }

        /**
         * Reads what the pipe holds now, then closes it, as Supervisor drains and closes a
         * child's pipes once it has recorded the child's exit: a grandchild that kept them open
         * loses its output instead of holding two descriptors for ever. Any thread.
         */
        void release() {
            if (endpoints.get(reader.fd) != reader) {
                return; // already read to its end: the usual case, nothing to wake the thread for
            }
            tasks.add(() -> {
                if (endpoints.get(reader.fd) == reader) {
                    drain(reader, LAST_READS);
                    if (endpoints.remove(reader.fd, reader)) {
                        end(reader);
                    }
                }
            });
            wake();
        }
    }

    private void wake() {
        LibcIo.write(wakeFd, ONE, 8);
    }

    /** Takes ownership of {@code fd}, the non-blocking write end of a child's stdin pipe. */
    Stdin openStdin(int fd) {
        Stdin s = new Stdin(fd, serials.incrementAndGet());
        endpoints.put(fd, s);
        return s;
    }

    /**
     * A child's stdin. Data goes straight into the pipe when it fits; the rest waits here (as
     * much as callers send, as in Supervisor) and goes out as the child reads.
     */
    final class Stdin extends Endpoint {
        private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
        private boolean polling;
        private boolean closeWhenDrained;
        private boolean closed;

        private Stdin(int fd, int serial) {
            super(fd, serial);
        }

        /** Queues {@code data}, which this object now owns; false if this stdin is closed (or closing). */
        synchronized boolean write(byte[] data) {
            if (closed || closeWhenDrained) {
                return false;
            }
            if (data.length > 0) {
                pending.add(data); // the caller's copy: the engine copies what an API call sends
            }
            flush();
            return true;
        }

        /** Closes the pipe, at once or once queued data has gone out. */
        synchronized void close(boolean dropPending) {
            if (closed) {
                return;
            }
            if (dropPending || pending.isEmpty()) {
                closeNow();
            } else {
                closeWhenDrained = true;
            }
        }

        /** Writes what the pipe takes now; polls for room if anything is left. */
        synchronized void flush() {
            while (!closed && !pending.isEmpty()) {
                byte[] head = pending.peek();
                long n = LibcIo.write(fd, head, head.length);
                if (n < 0) {
                    int err = LibcIo.errno();
                    if (err == LibcIo.EINTR) {
                        continue;
                    }
                    if (err == LibcIo.EAGAIN) {
                        break;
                    }
                    // EPIPE and the like: the child closed its stdin; what is queued is dropped
                    closeNow();
                    return;
                }
                pending.poll();
                if (n < head.length) {
                    pending.addFirst(Arrays.copyOfRange(head, (int) n, head.length));
                }
            }
            if (closed) {
                return;
            }
            if (pending.isEmpty()) {
                if (polling) {
                    control(LibcIo.EPOLL_CTL_DEL, fd, serial, 0);
                    polling = false;
                }
                if (closeWhenDrained) {
                    closeNow();
                }
            } else if (!polling) {
                polling = control(LibcIo.EPOLL_CTL_ADD, fd, serial, LibcIo.EPOLLOUT);
            }
        }

        private void closeNow() {
            closed = true;
            pending.clear();
            endpoints.remove(fd, this);
            LibcIo.close(fd); // also takes it out of the epoll set
        }
    }

    private void run() {
        Memory events = new Memory((long) LibcIo.EPOLL_EVENT_SIZE * MAX_EVENTS);
        byte[] counter = new byte[8];
        while (!closed) {
            int n = LibcIo.epoll_wait(epfd, events, MAX_EVENTS, -1);
            if (n < 0) {
                if (LibcIo.errno() == LibcIo.EINTR) {
                    continue;
                }
                LOG.error("epoll_wait failed: {}", Errno.name(LibcIo.errno()));
                return;
            }
            for (int i = 0; i < n && !closed; i++) {
                long base = (long) i * LibcIo.EPOLL_EVENT_SIZE;
                long data = events.getLong(base + LibcIo.EPOLL_DATA_OFFSET);
                int fd = (int) data;
                int serial = (int) (data >>> 32);
                if (fd == wakeFd) {
                    LibcIo.read(wakeFd, counter, 8);
                    runTasks();
                    continue;
                }
                Endpoint e = endpoints.get(fd);
                if (e == null || e.serial != serial) {
                    continue; // closed since the event was queued, maybe already reused
                }
                try {
                    if (e instanceof Reader r) {
                        drain(r, READS_PER_WAKE);
                    } else if (e instanceof Stdin s) {
                        s.flush();
                    }
                } catch (RuntimeException | Error t) {
                    // This thread must survive anything: if it stopped, every child would block
                    // on a full pipe.
                    LOG.error("child I/O failed on fd {}", fd, t);
                }
            }
        }
    }

    private void runTasks() {
        for (Runnable t; (t = tasks.poll()) != null;) {
            try {
                t.run();
            } catch (RuntimeException | Error e) {
                LOG.error("child I/O task failed", e);
            }
        }
    }

    /** Reads up to {@code reads} chunks; at end-of-file closes the pipe and reports it. */
    private void drain(Reader r, int reads) {
        for (int k = 0; k < reads; k++) {
            long got = LibcIo.read(r.fd, bufAddress, CHUNK);
            if (got > 0) {
                buf.clear().limit((int) got);
                try {
                    r.listener.onOutput(r.channel, buf);
                } catch (RuntimeException e) {
                    LOG.error("output handler failed", e);
                }
                if (got < CHUNK) {
                    return; // the pipe is (nearly) empty: let the others have a turn
                }
                continue;
            }
            if (got < 0 && (LibcIo.errno() == LibcIo.EAGAIN || LibcIo.errno() == LibcIo.EINTR)) {
                return;
            }
            // end of file (or a read error, treated the same): every writer has gone
            if (endpoints.remove(r.fd, r)) {
                end(r);
            }
            return;
        }
    }

    /** Closes a pipe already taken out of the set and tells its listener. */
    private void end(Reader r) {
        LibcIo.close(r.fd);
        try {
            r.listener.onEof(r.channel);
        } catch (RuntimeException e) {
            LOG.error("EOF handler failed", e);
        }
    }

    /** Stops the thread; descriptors still open are closed without further callbacks. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        wake();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Endpoint e : endpoints.values()) {
            if (e instanceof Stdin s) {
                s.close(true);
            } else if (endpoints.remove(e.fd, e)) {
                LibcIo.close(e.fd);
            }
        }
        LibcIo.close(wakeFd);
        LibcIo.close(epfd);
    }
}
