package org.jsupervisor.rpc.client;

import java.io.IOException;

/**
 * The server could not be reached at all. {@link #kind()} says why, so that a caller can
 * print what {@code supervisorctl} prints ({@code unix:///x.sock no such file},
 * {@code http://localhost:9001 refused connection}).
 */
public class RpcConnectException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the connection failed. */
    public enum Kind {
        /** Nothing listens (ECONNREFUSED), including a stale socket file. */
        REFUSED,
        /** The unix socket file does not exist (ENOENT). */
        NO_SUCH_FILE,
        /** The socket file exists but may not be opened (EACCES). */
        PERMISSION_DENIED,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** The connect timed out. */
        TIMEOUT,
        /** Anything else. */
        OTHER
    }

    private final Kind kind;
    private final String serverUrl;

    public RpcConnectException(Kind kind, String serverUrl, Throwable cause) {
        super(serverUrl + ": " + describe(kind, cause), cause);
        this.kind = kind;
        this.serverUrl = serverUrl;
    }

    private static String describe(Kind kind, Throwable cause) {
        switch (kind) {
            case REFUSED: return "refused connection";
            case NO_SUCH_FILE: return "no such file";
            case PERMISSION_DENIED: return "permission denied";
            case UNKNOWN_HOST: return "unknown host";
            case TIMEOUT: return "connect timed out";
            default: return cause == null ? "cannot connect" : String.valueOf(cause.getMessage());
        }
    }

    public Kind kind() {
        return kind;
    }

    public String serverUrl() {
        return serverUrl;
    }
}
