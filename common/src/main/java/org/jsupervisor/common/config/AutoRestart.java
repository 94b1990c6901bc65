package org.jsupervisor.common.config;

/** {@code autorestart}: never, always, or only after an exit code not in {@code exitcodes}. */
public enum AutoRestart {
    FALSE, TRUE, UNEXPECTED;

    /** Whether an exit is followed by a restart; {@code expected}: its code is in {@code exitcodes}. */
    public boolean restartsAfter(boolean expected) {
        return this == TRUE || (this == UNEXPECTED && !expected);
    }
}
