package org.jsupervisor.supervisord.fcgi;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jsupervisor.common.SupervisorState;
import org.jsupervisor.common.config.FcgiGroupConfig;
import org.jsupervisor.common.config.GroupConfig;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.engine.Launcher;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.jsupervisor.supervisord.engine.event.SupervisorEvent;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * The engine's fcgi-program support: one {@link PoolSocket} per active fcgi group, and
 * the launcher through which that group's processes spawn with the socket as fd 0. The
 * engine calls {@link #added}, {@link #removed} and {@link #close}; the sockets follow
 * the processes' state events.
 *
 * <p>Threading: every method, and the event subscription, runs on the engine thread.
 */
public final class FcgiPools implements AutoCloseable {
    private final Engine engine;
    private final Launcher base;
    private final SupervisorLog log;
    private final Executor later;
    private final Map<String, PoolSocket> pools = new HashMap<>();
    private Engine.Subscription subscription;

    /**
     * @param engine the engine whose state events drive the sockets
     * @param base   the engine's launcher; it spawns with the socket through {@link Launcher#spawnWithStdin}
     * @param later  queues a task on the engine thread, to run after the current one
     */
    public FcgiPools(Engine engine, Launcher base, SupervisorLog log, Executor later) {
        this.engine = engine;
        this.later = task -> {
            try {
                later.execute(task);
            } catch (RejectedExecutionException e) {
                // the engine is closing; close() closes every socket
            }
        };
        this.base = base;
        this.log = log;
    }

    /**
     * A group became active. For an fcgi group, probes its socket as Supervisor does
     * (logging an error it cannot be created) and returns the launcher its processes must
     * use; empty for any other group.
     */
    public Optional<Launcher> added(GroupConfig group) {
        if (!(group instanceof FcgiGroupConfig fcgi)) {
            return Optional.empty();
        }
        if (subscription == null) {
            subscription = engine.subscribe(this::onEvent);
        }
        PoolSocket old = pools.remove(group.name());
        if (old != null) {
            old.remove();
        }
        PoolSocket pool = new PoolSocket(fcgi, log, () -> engine.state() == SupervisorState.RUNNING, later);
        pools.put(group.name(), pool);
        String problem = pool.probe();
        if (problem != null) {
            log.error(problem);
        }
        return Optional.of(new PoolLauncher(pool));
    }

    /** A group was removed: its socket (if any) is closed. */
    public void removed(String group) {
        PoolSocket pool = pools.remove(group);
        if (pool != null) {
            pool.remove();
        }
    }

    private void onEvent(SupervisorEvent e) {
        if (e instanceof ProcessStateEvent s) {
            PoolSocket pool = pools.get(s.process().group());
            if (pool != null) {
                pool.onState(s);
            }
        }
    }

    /** Closes every socket (the engine is closing). */
    @Override
    public void close() {
        pools.values().forEach(PoolSocket::remove);
        pools.clear();
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Spawns a pool's processes with its socket on fd 0. */
    private final class PoolLauncher implements Launcher {
        private final PoolSocket pool;

        PoolLauncher(PoolSocket pool) {
            this.pool = pool;
        }

        @Override
        public Child spawn(Spec spec, ChildListener listener) throws SpawnException {
            int fd;
            try {
                fd = pool.acquire();
            } catch (IOException e) {
                throw new SpawnException("Could not create FastCGI socket " + pool.url() + ": " + e.getMessage(), e);
            }
            return base.spawnWithStdin(spec, fd, listener);
        }

        @Override
        public void close() {
            // the base launcher is the engine's; the socket is closed by FcgiPools
        }
    }
}
