package org.jsupervisor.supervisord.engine;

/** A child's output stream. */
public enum OutputChannel {
    STDOUT, STDERR;

    /** {@code stdout} or {@code stderr}, as in Supervisor's names and messages. */
    public String label() {
        return this == STDOUT ? "stdout" : "stderr";
    }
}
