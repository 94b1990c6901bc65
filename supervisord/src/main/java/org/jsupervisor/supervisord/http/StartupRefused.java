package org.jsupervisor.supervisord.http;

/**
 * An HTTP server could not be opened. The message is what supervisord prints before it
 * exits with a usage error (Supervisor's wording where Supervisor has one).
 */
public final class StartupRefused extends RuntimeException {
    /** Supervisor's text when a socket or port is already served by someone else. */
    public static final String IN_USE = "Another program is already listening on a port that one of our HTTP "
            + "servers is configured to use.  Shut this program down first before starting supervisord.";

    public StartupRefused(String message) {
        super(message);
    }

    public StartupRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
