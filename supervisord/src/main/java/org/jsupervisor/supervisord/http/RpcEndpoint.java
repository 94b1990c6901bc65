package org.jsupervisor.supervisord.http;

import java.util.concurrent.CompletableFuture;

/**
 * What {@code /RPC2} hands a request body to: the XML-RPC decoder, dispatcher and encoder.
 * The HTTP layer knows nothing about XML-RPC beyond this.
 *
 * <p>Threading: called on a Jetty thread; must not block. The future may complete on any
 * thread (a slow {@code startProcess(name, true)} completes it much later).
 */
@FunctionalInterface
public interface RpcEndpoint {
    /**
     * Answers one request. Completes with the XML response document (a normal result or a
     * fault), or exceptionally with {@link MalformedRpcRequest} when the body is not an
     * XML-RPC call at all (answered with HTTP 400, as Supervisor does).
     */
    CompletableFuture<byte[]> call(byte[] body);

    /** The body is not a well-formed, acceptable XML-RPC method call. */
    final class MalformedRpcRequest extends RuntimeException {
        public MalformedRpcRequest(String message) {
            super(message, null, false, false);
        }
    }
}
