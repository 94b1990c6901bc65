package org.jsupervisor.common.config;

/** {@code autorestart}: never, always, or only after an exit code not in {@code exitcodes}. */
public enum AutoRestart {
    FALSE, TRUE, UNEXPECTED
}
