package org.jsupervisor.supervisorctl.server;

/**
 * Why a call to supervisord did not return a value. Each command decides what a given
 * failure means to the user; the subclasses carry exactly what those decisions need.
 */
public abstract sealed class ServerException extends Exception
        permits ServerException.Fault, ServerException.AuthRequired, ServerException.BadStatus,
        ServerException.Unreachable, ServerException.Protocol {

    private ServerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An XML-RPC fault answered by the server (Supervisor's fault codes). */
    public static final class Fault extends ServerException {
        private final int code;
        private final String faultString;

        public Fault(int code, String faultString) {
            super(code + ": " + faultString, null);
            this.code = code;
            this.faultString = faultString;
        }

        public int code() {
            return code;
        }

        public String faultString() {
            return faultString;
        }
    }

    /** HTTP 401: the server wants (other) credentials. */
    public static final class AuthRequired extends ServerException {
        public AuthRequired() {
            super("401 Unauthorized", null);
        }
    }

    /** Any other non-200 HTTP status. */
    public static final class BadStatus extends ServerException {
        private final int status;
        private final String reason;

        public BadStatus(int status, String reason) {
            super(status + " " + reason, null);
            this.status = status;
            this.reason = reason;
        }

        public int status() {
            return status;
        }

        public String reason() {
            return reason;
        }
    }

    /** The server could not be reached at all. */
    public static final class Unreachable extends ServerException {
        /** Why: the distinctions Supervisor's client reports differently. */
        public enum Kind { REFUSED, NO_SUCH_FILE, OTHER }

        private final Kind kind;

        public Unreachable(Kind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** The connection broke or the answer was not valid XML-RPC. */
    public static final class Protocol extends ServerException {
        public Protocol(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
