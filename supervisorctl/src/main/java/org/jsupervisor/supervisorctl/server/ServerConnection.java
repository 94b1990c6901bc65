package org.jsupervisor.supervisorctl.server;

import java.io.OutputStream;

/**
 * The two things supervisorctl asks of supervisord: XML-RPC calls, and the endless
 * {@code /logtail/...} and {@code /mainlogtail} streams used by {@code tail -f} and {@code fg}.
 *
 * <p>Values are plain XML-RPC values only: {@code String}, {@code Integer}, {@code Boolean},
 * {@code Double}, {@code List<Object>}, {@code Map<String, Object>} (and byte arrays or dates
 * where the server sends them). Nothing is ever deserialized into arbitrary Java objects.
 *
 * <p>Not thread-safe, except that {@link #stream} may run on one thread while {@link #call} runs
 * on another (as {@code fg} does), and {@link Stream#close} may be called from any thread.
 */
public interface ServerConnection {

    /** Calls {@code method} (e.g. {@code supervisor.getState}) with positional parameters. */
    Object call(String method, Object... params) throws ServerException;

    /**
     * Starts a GET of {@code path} whose body is copied to {@code sink} as it arrives, on a
     * thread of the implementation's own. Errors before the body (refused, 401, 404) are
     * reported through {@code errors} as a line of text, as Supervisor's client prints them.
     * When {@code sink} throws an {@link java.io.IOException} (our stdout is a closed pipe) the
     * stream ends, reporting Supervisor's broken-pipe line through {@code errors}.
     */
    Stream stream(String path, OutputStream sink, java.util.function.Consumer<String> errors);

    /** A running streaming GET. */
    interface Stream extends AutoCloseable {
        /** Waits until the server ends the body, the connection fails or {@link #close} runs. */
        void await() throws InterruptedException;

        @Override
        void close();
    }
}
