package org.jsupervisor.rpc.server;

/**
 * Where the dispatcher reports what Supervisor logs about XML-RPC requests; the daemon
 * plugs in its own logger. The messages already have Supervisor's wording.
 */
public interface RpcLog {
    /** Nothing is logged. */
    RpcLog NONE = new RpcLog() {
    };

    /** Method called / returned / faulted (Supervisor logs these at TRACE). */
    default void trace(String message) {
    }

    /** A request that could not be read (answered with HTTP 400). */
    default void error(String message) {
    }

    /** A method failed unexpectedly (answered with HTTP 500). */
    default void critical(String message) {
    }
}
