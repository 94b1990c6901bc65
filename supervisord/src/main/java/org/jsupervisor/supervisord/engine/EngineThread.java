package org.jsupervisor.supervisord.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jsupervisor.supervisord.engine.EngineException.Failure;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * The single "supervisord-engine" thread and its scheduling: it runs requests handed in from
 * other threads, coalesces requests for a pass (at most one queued at a time) and keeps one
 * wake-up timer for the earliest deadline the engine reports.
 *
 * <p>Threading: {@link #call}, {@link #execute}, {@link #requestPass} and {@link #join} may be
 * called from any thread; {@link #wakeAt} only from the engine thread. The pass itself is the
 * owner's {@code Runnable}, always run on the engine thread.
 */
final class EngineThread {

    /** Work run on the engine thread that may fail with an {@link EngineException}. */
    interface Call<T> {
        T run();
    }

    private final ScheduledThreadPoolExecutor loop;
    private final Thread thread;
    private final LongSupplier clock;
    private final SupervisorLog log;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private Runnable pass = () -> { };
    private ScheduledFuture<?> wakeup;
    private long wakeupAt = Long.MAX_VALUE;

    EngineThread(LongSupplier clock, SupervisorLog log) {
        this.clock = clock;
        this.log = log;
        Thread[] holder = new Thread[1];
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "supervisord-engine");
            t.setDaemon(true);
            holder[0] = t;
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ex.prestartAllCoreThreads();
        this.loop = ex;
        this.thread = holder[0];
    }

    /** Sets what a pass does; call once, before the first {@link #requestPass}. */
    void onPass(Runnable pass) {
        this.pass = pass;
    }

    /** The executor behind the thread, for collaborators that queue their own work on it. */
    ScheduledExecutorService executor() {
        return loop;
    }

    void execute(Runnable r) {
        loop.execute(r);
    }

    /** Runs {@code task} then a pass on the engine thread; does nothing once the engine is closed. */
    void executeThenPass(Runnable task) {
        try {
            loop.execute(() -> {
                task.run();
                requestPass();
            });
        } catch (RejectedExecutionException e) {
            // the engine is closed: nothing is supervised any more
        }
    }

    boolean isShutdown() {
        return loop.isShutdown();
    }

    /** Stops taking work and waits up to five seconds for queued work to finish. */
    void shutdownAndAwait() {
        loop.shutdown();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a pass unless one is queued already. */
    void requestPass() {
        if (passQueued.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    passQueued.set(false);
                    pass.run();
                });
            } catch (RejectedExecutionException e) {
                passQueued.set(false);
            }
        }
    }

    /** Makes sure a pass runs by {@code next} (a clock value); keeps an earlier timer if one is set. */
    void wakeAt(long next) {
        if (next == Long.MAX_VALUE) {
            return;
        }
        if (wakeup != null && !wakeup.isDone() && wakeupAt <= next) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        long delayMs = Math.max(0, next - clock.getAsLong());
        wakeupAt = next;
        wakeup = loop.schedule(() -> {
            wakeupAt = Long.MAX_VALUE;
            requestPass();
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Runs on the engine thread, then a pass; failures complete the future exceptionally. */
    <T> CompletableFuture<T> call(Call<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Runnable r = () -> {
            try {
                f.complete(c.run());
            } catch (EngineException e) {
                f.completeExceptionally(e);
            } catch (RuntimeException e) {
                log.error("engine request failed: " + e);
                f.completeExceptionally(new EngineException(Failure.FAILED, String.valueOf(e.getMessage())));
            }
            requestPass();
        };
        if (Thread.currentThread() == thread) {
            r.run();
        } else {
            loop.execute(r);
        }
        return f;
    }

    /** Waits (up to 30 s) for a {@link #call}'s answer, unwrapping an {@link EngineException}. */
    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EngineException ee) {
                throw ee;
            }
            throw new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(Failure.FAILED, "interrupted");
        } catch (TimeoutException e) {
            throw new EngineException(Failure.FAILED, "engine busy");
        }
    }
}
