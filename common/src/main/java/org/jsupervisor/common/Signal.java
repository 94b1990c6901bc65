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
    PROF(27), WINCH(28), IO(29), PWR(30), SYS(31),
    /** The first and last real-time signals as Python's signal module names them. */
    RTMIN(34), RTMAX(64);

    /**
     * Other names Python's signal module gives these numbers. Supervisor looks names up there,
     * so it also finds the handler and mask constants ({@code _IGN} is 1, {@code _SETMASK} 2).
     */
    private static final java.util.Map<String, Integer> ALIASES = java.util.Map.of(
            "IOT", 6, "POLL", 29, "CLD", 17, "_IGN", 1, "_UNBLOCK", 1, "_SETMASK", 2);

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

    /**
     * Parses a signal as Supervisor's {@code signal_number} does: a number (Python's
     * {@code int()} spelling: {@code 15}, {@code +15}, {@code  15 }) that names a signal, or a
     * name in any case with or without {@code SIG}, including Python's aliases ({@code IOT},
     * {@code CLD}, {@code POLL}). Signal 0 ({@code SIG_DFL}, {@code SIG_BLOCK}), which
     * Supervisor also accepts, is not supported.
     */
    public static Optional<Signal> parse(String text) {
        String t = text.strip();
        String digits = t.startsWith("+") ? t.substring(1) : t;
        if (!digits.isEmpty() && digits.chars().allMatch(c -> c == '_' || Character.isDigit(c))
                && !digits.startsWith("_") && !digits.endsWith("_") && !digits.contains("__")) {
            try {
                return byNumber(Integer.parseInt(digits.replace("_", "")));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        String name = t.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer alias = ALIASES.get(name);
        if (alias != null) {
            return byNumber(alias);
        }
        for (Signal s : values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
