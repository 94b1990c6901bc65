package org.jsupervisor.supervisorctl;

import org.jsupervisor.rpc.Faults;

/**
 * Exit codes of a one-shot supervisorctl, and the single place that turns a server fault into
 * one. Supervisor uses LSB init-script codes for actions and LSB status codes for
 * {@code status}; scripts test them, so the numbers must not change.
 */
public final class ExitStatus {
    public static final int SUCCESS = 0;
    public static final int GENERIC = 1;
    public static final int INVALID_ARGS = 2;
    public static final int UNIMPLEMENTED_FEATURE = 3;
    public static final int INSUFFICIENT_PRIVILEGES = 4;
    public static final int NOT_INSTALLED = 5;
    public static final int NOT_RUNNING = 7;

    /** {@code status}: some named process is not running. */
    public static final int STATUS_NOT_RUNNING = 3;
    /** {@code status}: unknown name, or the server could not be asked. */
    public static final int STATUS_UNKNOWN = 4;

    /** For {@link #forResult}: no fault is tolerated. */
    public static final int TOLERATE_NONE = Integer.MIN_VALUE;

    private ExitStatus() {
    }

    /**
     * The exit code a per-process result with fault {@code code} implies, or -1 for "leave the
     * current code alone" (success, or the one fault the action tolerates, e.g.
     * ALREADY_STARTED for start).
     */
    public static int forResult(int code, int toleratedFault) {
        if (code == toleratedFault || code == Faults.SUCCESS) {
            return -1;
        }
        if (code == Faults.SPAWN_ERROR || code == Faults.ABNORMAL_TERMINATION
                || code == Faults.NOT_RUNNING) {
            return NOT_RUNNING;
        }
        return GENERIC;
    }
}
