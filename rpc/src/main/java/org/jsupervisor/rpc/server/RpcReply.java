package org.jsupervisor.rpc.server;

/**
 * What to answer an HTTP request to /RPC2 with.
 *
 * @param status 200 for a response or fault document; 400 when the request could not be
 *     read; 500 when a method failed unexpectedly (as Supervisor answers)
 * @param body the XML document for 200; empty otherwise (the HTTP layer writes its own
 *     error page)
 */
public record RpcReply(int status, byte[] body) {
    /** The Content-Type Supervisor sends with XML-RPC responses. */
    public static final String CONTENT_TYPE = "text/xml";

    static RpcReply ok(byte[] body) {
        return new RpcReply(200, body);
    }

    static RpcReply error(int status) {
        return new RpcReply(status, new byte[0]);
    }
}
