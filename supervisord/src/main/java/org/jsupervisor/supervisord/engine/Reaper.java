package org.jsupervisor.supervisord.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the exit statuses of our children, and only ours: it never reaps with
 * {@code waitpid(-1)}, which would steal statuses from the JDK's own reaper. One thread
 * blocks in {@code waitid(P_ALL, WEXITED|WNOWAIT)}, which wakes the moment any child
 * becomes a zombie without reaping it; the thread then reaps exactly the pids it was given
 * ({@code waitpid(pid, WNOHANG)}), so the status is exact ("terminated by SIGTERM" is told
 * apart from "exit status 15"). The JVM does not deliver SIGCHLD to Java handlers reliably,
 * so no signal handler is involved.
 */
final class Reaper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    private final Map<Long, IntConsumer> children = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;

    Reaper() {
        thread = new Thread(this::run, "supervisord-reaper");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches {@code pid}; {@code onExit} gets its raw wait status once, on the reaper thread. */
    void register(long pid, IntConsumer onExit) {
        children.put(pid, onExit);
        wake.release();
    }

    private void run() {
        while (!closed) {
            try {
                if (children.isEmpty()) {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                    continue;
                }
                int pid = Posix.awaitAnyExit();
                if (pid == -Posix.EINTR) {
                    continue;
                }
                if (pid < 0) {
                    // no children at all (ours were reaped elsewhere): wait for a registration
                    scan();
                    wake.tryAcquire(100, TimeUnit.MILLISECONDS);
                    continue;
                }
                if (!reapOne(pid) && !scan()) {
                    // The zombie is not (yet) one of ours: a child being registered right now,
                    // or one the JDK will reap. Do not touch it; look again shortly.
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("reaper error", e);
            }
        }
    }

    /** Reaps {@code pid} if it is ours: the common case, one syscall instead of a scan. */
    private boolean reapOne(long pid) {
        IntConsumer onExit = children.get(pid);
        if (onExit == null) {
            return false;
        }
        Integer st = Posix.reap(pid);
        if (st == null) {
            return false;
        }
        children.remove(pid);
        if (!Posix.isReapError(st)) {
            try {
                onExit.accept(st);
            } catch (RuntimeException ex) {
                LOG.error("exit handler for pid {} failed", pid, ex);
            }
        }
        return true;
    }

    /** Reaps every registered child that has exited; true if any was. */
    boolean scan() {
        boolean any = false;
        for (Map.Entry<Long, IntConsumer> e : children.entrySet()) {
            long pid = e.getKey();
            Integer st = Posix.reap(pid);
            if (st == null) {
                continue;
            }
            children.remove(pid);
            any = true;
            if (Posix.isReapError(st)) {
                continue; // reaped by someone else; nothing to report
            }
            try {
                e.getValue().accept(st);
            } catch (RuntimeException ex) {
                LOG.error("exit handler for pid {} failed", pid, ex);
            }
        }
        return any;
    }

    @Override
    public void close() {
        closed = true;
        wake.release();
    }
}
