package org.jsupervisor.common.config;

/**
 * Where a child stream is logged. {@code AUTO} becomes a file in {@code childlogdir}
 * whose name the engine chooses at start-up; {@code NONE} keeps nothing.
 */
public sealed interface LogTarget {

    record Auto() implements LogTarget {
    }

    record None() implements LogTarget {
    }

    /** An explicit file path, already made absolute. */
    record File(String path) implements LogTarget {
    }

    LogTarget AUTO = new Auto();
    LogTarget NONE = new None();
}
