package org.jsupervisor.supervisord.http;

import java.util.concurrent.CompletableFuture;

import org.jsupervisor.rpc.server.RpcReply;

/**
 * What {@code /RPC2} hands a request body to: in the daemon, the XML-RPC dispatcher
 * ({@code RpcDispatcher::handle}). The HTTP layer knows nothing about XML-RPC beyond this.
 *
 * <p>Threading: called on a Jetty thread; must not block. The future may complete on any
 * thread (a slow {@code startProcess(name, true)} completes it much later, on the engine's).
 */
@FunctionalInterface
public interface RpcEndpoint {
    /** Answers one request: 200 with a document, 400 for an unreadable request, 500 for a bug. */
    CompletableFuture<RpcReply> call(byte[] body);
}
