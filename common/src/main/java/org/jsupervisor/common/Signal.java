package org.jsupervisor.common;

import java.util.Locale;
import java.util.Optional;

/**
 * POSIX signals by their Linux numbers. Supervisor accepts a signal by name, with or
 * without the {@code SIG} prefix, or by number.
 */
public enum Signal {
    HUP(1), INT(2), QUIT(3), ILL(4), TRAP(5), ABRT(6), BUS(7), FPE(8), KILL(9), USR1(10),
    SEGV(11), USR2(12), PIPE(13), ALRM(14), TERM(15), STKFLT(16), CHLD(17), CONT(18),
    STOP(19), TSTP(20), TTIN(21), TTOU(22), URG(23), XCPU(24), XFSZ(25), VTALRM(26),
    PROF(27), WINCH(28), IO(29), PWR(30), SYS(31);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The name as Supervisor prints it, e.g. {@code SIGTERM}. */
    public String signame() {
        return "SIG" + name();
    }

    public static Optional<Signal> byNumber(int number) {
        for (Signal s : values()) {
            if (s.number == number) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Parses {@code TERM}, {@code SIGTERM}, {@code term} or {@code 15}. */
    public static Optional<Signal> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.chars().allMatch(Character::isDigit)) {
            try {
                return byNumber(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (t.startsWith("SIG")) {
            t = t.substring(3);
        }
        try {
            return Optional.of(Signal.valueOf(t));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
