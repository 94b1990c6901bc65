package org.jsupervisor.supervisord.fcgi;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.jsupervisor.common.ProcessState;
import org.jsupervisor.common.config.FcgiGroupConfig;
import org.jsupervisor.common.config.ProcessConfig;
import org.jsupervisor.supervisord.engine.event.ProcessStateEvent;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * The listening socket of one fcgi-program pool and when it exists. It is created when
 * the first process of the pool spawns and stays open while any process is in use or about
 * to be restarted (STARTING, RUNNING, BACKOFF, STOPPING, UNKNOWN, or EXITED with an
 * automatic restart coming), so a crashed child is replaced with no moment where
 * connections are refused. It is closed once the whole pool is stopped for good (STOPPED,
 * FATAL, or EXITED without restart), and when the group is removed.
 *
 * <p>Supervisor counts references per live child instead, so with {@code numprocs=1} it
 * closes and re-creates the socket around every restart (connections are refused for
 * up to a second); here the socket survives restarts. The log lines are Supervisor's.
 *
 * <p>Threading: confined to the engine thread (spawns and state events both run there).
 */
final class PoolSocket {
    private final FcgiGroupConfig config;
    private final SupervisorLog log;
    private final BooleanSupplier acceptingStarts;
    private final Executor later;
    private final Map<String, Boolean> exitExpected = new HashMap<>();
    private boolean checkQueued;
    private final Map<String, ProcessConfig> processes = new HashMap<>();
    private final Map<String, ProcessState> states = new HashMap<>();
    private ListeningSocket socket;
    private boolean removed;

    /**
     * @param acceptingStarts whether the daemon still restarts processes
     * @param later           runs a task on the engine thread after the current one
     */
    PoolSocket(FcgiGroupConfig config, SupervisorLog log, BooleanSupplier acceptingStarts, Executor later) {
        this.config = config;
        this.later = later;
        this.log = log;
        this.acceptingStarts = acceptingStarts;
        for (ProcessConfig p : config.processes()) {
            processes.put(p.name(), p);
            states.put(p.name(), ProcessState.STOPPED);
        }
    }

    String url() {
        return config.socket().url();
    }

    /**
     * Creates and closes the socket once, as Supervisor does when it builds the group, so a
     * bad address is reported when the group is added rather than at the first spawn.
     *
     * @return null, or Supervisor's {@code Could not create FastCGI socket ...} message
     */
    String probe() {
        try {
            acquire();
        } catch (IOException e) {
            return "Could not create FastCGI socket " + url() + ": " + e.getMessage();
        }
        release();
        return null;
    }

    /** The socket's descriptor for a spawn, creating the socket if it is not open. */
    int acquire() throws IOException {
        if (removed) {
            throw new IOException("the group was removed");
        }
        if (socket == null) {
            log.info("Creating socket " + url());
            socket = ListeningSocket.open(config.socket());
        }
        return socket.fd();
    }

    /**
     * A state change of one of this pool's processes. When no process seems to need the
     * socket any more, the check is repeated after the engine's current task (so the close
     * is logged after the process's own "stopped:"/"exited:" line, as in Supervisor, and a
     * restart in the same pass keeps the socket).
     */
    void onState(ProcessStateEvent e) {
        if (!processes.containsKey(e.process().name())) {
            return;
        }
        states.put(e.process().name(), e.to());
        if (e.to() == ProcessState.EXITED) {
            exitExpected.put(e.process().name(), e.expected());
        }
        if (socket != null && !needed() && !checkQueued) {
            checkQueued = true;
            later.execute(() -> {
                checkQueued = false;
                if (socket != null && !needed()) {
                    release();
                }
            });
        }
    }

    private boolean needed() {
        for (Map.Entry<String, ProcessState> s : states.entrySet()) {
            switch (s.getValue()) {
                case STOPPED, FATAL -> {
                }
                case EXITED -> {
                    if (willRestart(processes.get(s.getKey()), exitExpected.getOrDefault(s.getKey(), true))) {
                        return true;
                    }
                }
                default -> {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the engine will restart an EXITED process: its autorestart says so and the
     * daemon is not stopping (the engine may spread many restarts over a few passes).
     */
    private boolean willRestart(ProcessConfig p, boolean expected) {
        if (!acceptingStarts.getAsBoolean()) {
            return false;
        }
        return p.autorestart().restartsAfter(expected);
    }

    private void release() {
        if (socket != null) {
            log.info("Closing socket " + url());
            socket.close();
            socket = null;
        }
    }

    /** The group was removed (or the engine is closing): closes the socket for good. */
    void remove() {
        removed = true;
        release();
    }
}
