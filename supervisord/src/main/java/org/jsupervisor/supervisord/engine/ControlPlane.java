package org.jsupervisor.supervisord.engine;

/**
 * The HTTP servers in front of the engine, built by a {@link ControlPlaneFactory}.
 * supervisord starts it after the engine and closes it on shutdown, and on restart closes
 * it and creates a new one with the new configuration.
 */
public interface ControlPlane extends AutoCloseable {

    /**
     * Binds the configured servers and starts serving.
     *
     * @throws Exception if a server cannot be bound (port in use, another supervisord on the
     *                   socket, ...): the message is logged as CRIT and supervisord exits with
     *                   it, as Supervisor does
     */
    void start() throws Exception;

    /** Stops serving and releases sockets. Must not throw for an already closed plane. */
    @Override
    void close();
}
