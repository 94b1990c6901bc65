package org.jsupervisor.rpc;

/**
 * Every fault code Supervisor 4.2.5 answers with, in one place.
 *
 * <p>The numbers and names are part of the wire protocol: clients (the Python
 * {@code supervisorctl}, user scripts) switch on the numbers, and the fault strings start
 * with the names. Code 5 is unused by Supervisor and so absent here.
 */
public final class Faults {
    public static final int UNKNOWN_METHOD = 1;
    public static final int INCORRECT_PARAMETERS = 2;
    public static final int BAD_ARGUMENTS = 3;
    public static final int SIGNATURE_UNSUPPORTED = 4;
    public static final int SHUTDOWN_STATE = 6;
    public static final int BAD_NAME = 10;
    public static final int BAD_SIGNAL = 11;
    public static final int NO_FILE = 20;
    public static final int NOT_EXECUTABLE = 21;
    public static final int FAILED = 30;
    public static final int ABNORMAL_TERMINATION = 40;
    public static final int SPAWN_ERROR = 50;
    public static final int ALREADY_STARTED = 60;
    public static final int NOT_RUNNING = 70;
    public static final int SUCCESS = 80;
    public static final int ALREADY_ADDED = 90;
    public static final int STILL_RUNNING = 91;
    public static final int CANT_REREAD = 92;

    private Faults() {
    }

    /**
     * The symbolic name of a fault code, e.g. {@code BAD_NAME} for 10, or {@code UNKNOWN}
     * for a code Supervisor does not define (as Supervisor names it then).
     */
    public static String name(int code) {
        switch (code) {
            case UNKNOWN_METHOD: return "UNKNOWN_METHOD";
            case INCORRECT_PARAMETERS: return "INCORRECT_PARAMETERS";
            case BAD_ARGUMENTS: return "BAD_ARGUMENTS";
            case SIGNATURE_UNSUPPORTED: return "SIGNATURE_UNSUPPORTED";
            case SHUTDOWN_STATE: return "SHUTDOWN_STATE";
            case BAD_NAME: return "BAD_NAME";
            case BAD_SIGNAL: return "BAD_SIGNAL";
            case NO_FILE: return "NO_FILE";
            case NOT_EXECUTABLE: return "NOT_EXECUTABLE";
            case FAILED: return "FAILED";
            case ABNORMAL_TERMINATION: return "ABNORMAL_TERMINATION";
            case SPAWN_ERROR: return "SPAWN_ERROR";
            case ALREADY_STARTED: return "ALREADY_STARTED";
            case NOT_RUNNING: return "NOT_RUNNING";
            case SUCCESS: return "SUCCESS";
            case ALREADY_ADDED: return "ALREADY_ADDED";
            case STILL_RUNNING: return "STILL_RUNNING";
            case CANT_REREAD: return "CANT_REREAD";
            default: return "UNKNOWN";
        }
    }

    /** All defined codes in ascending order (for tests and documentation). */
    public static int[] all() {
        return new int[] {UNKNOWN_METHOD, INCORRECT_PARAMETERS, BAD_ARGUMENTS, SIGNATURE_UNSUPPORTED,
            SHUTDOWN_STATE, BAD_NAME, BAD_SIGNAL, NO_FILE, NOT_EXECUTABLE, FAILED, ABNORMAL_TERMINATION,
            SPAWN_ERROR, ALREADY_STARTED, NOT_RUNNING, SUCCESS, ALREADY_ADDED, STILL_RUNNING, CANT_REREAD};
    }
}
