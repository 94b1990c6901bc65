package org.jsupervisor.supervisorctl;

import java.io.IOException;

/**
 * How a command asks the user something (shutdown confirmation, credentials after a 401, the
 * lines {@code fg} forwards). The shell supplies a line-editing version; a one-shot run reads
 * plain standard input.
 */
public interface UserInput {
    /**
     * Shows {@code prompt} and reads one line; null at end of input. A line editor throws
     * {@link java.io.InterruptedIOException} when the user presses Ctrl-C.
     */
    String readLine(String prompt) throws IOException;

    /** Like {@link #readLine} but without echo where a terminal allows it. */
    String readPassword(String prompt) throws IOException;

    /** True when Ctrl-C during {@link #readLine} arrives as an exception, not as a signal. */
    default boolean catchesInterrupt() {
        return false;
    }
}
