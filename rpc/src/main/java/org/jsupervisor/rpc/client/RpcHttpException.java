package org.jsupervisor.rpc.client;

import java.io.IOException;

/**
 * The server answered with an HTTP status other than 200 (Python's client raises
 * {@code xmlrpclib.ProtocolError} there). {@link #isUnauthorized()} is the 401 that makes
 * {@code supervisorctl} ask for credentials.
 */
public class RpcHttpException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    public RpcHttpException(String target, int status, String reason) {
        super(target + ": " + status + " " + reason);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean isUnauthorized() {
        return status == 401;
    }
}
