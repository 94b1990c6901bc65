package org.jsupervisor.supervisord.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the exit statuses of our children, and only ours: it never calls
 * {@code waitpid(-1)}, which would steal statuses from the JDK's own reaper. One thread
 * wakes on SIGCHLD (and at least once a second as a safety net) and polls each registered
 * pid with {@code waitpid(pid, WNOHANG)}: cheap (one syscall per child) and exact (the raw
 * status, so "terminated by SIGTERM" is told from "exit status 15").
 */
final class Reaper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    private final Map<Long, IntConsumer> children = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;
    private final Object handlerToken;

    Reaper() {
        thread = new Thread(this::run, "supervisord-reaper");
        thread.setDaemon(true);
        thread.start();
        handlerToken = installSigchld();
    }

    private Object installSigchld() {
        try {
            sun.misc.Signal sig = new sun.misc.Signal("CHLD");
            return sun.misc.Signal.handle(sig, s -> wake.release());
        } catch (IllegalArgumentException e) {
            LOG.debug("cannot handle SIGCHLD, polling only: {}", e.getMessage());
            return null;
        }
    }

    /** Watches {@code pid}; {@code onExit} gets its raw wait status once, on the reaper thread. */
    void register(long pid, IntConsumer onExit) {
        children.put(pid, onExit);
        wake.release(); // it may have exited before it was registered
    }

    /** Stops watching {@code pid} (someone else reaped it). */
    void unregister(long pid) {
        children.remove(pid);
    }

    void kick() {
        wake.release();
    }

    private void run() {
        while (!closed) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            scan();
        }
    }

    void scan() {
        for (Map.Entry<Long, IntConsumer> e : children.entrySet()) {
            long pid = e.getKey();
            Integer st = Posix.reap(pid);
            if (st == null) {
                continue;
            }
            children.remove(pid);
            if (Posix.isReapError(st)) {
                continue; // reaped by NuProcess first: its onExit reports the status
            }
            try {
                e.getValue().accept(st);
            } catch (RuntimeException ex) {
                LOG.error("exit handler for pid {} failed", pid, ex);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
