package org.jsupervisor.supervisorctl;

/**
 * Runs something when the user presses Ctrl-C while a follow-mode command ({@code tail -f},
 * {@code maintail -f}, {@code fg}) is running, instead of the JVM's default of exiting.
 * Supervisor catches the interrupt in those commands and carries on (the shell survives).
 */
@SuppressWarnings("sunapi")
public final class SigInt implements Controller.InterruptHandler {
    private final sun.misc.Signal signal = new sun.misc.Signal("INT");
    private final sun.misc.SignalHandler previous;

    private SigInt(Runnable action) {
        previous = sun.misc.Signal.handle(signal, s -> action.run());
    }

    /** Installs {@code action} as the Ctrl-C handler until {@link #close}. */
    public static SigInt during(Runnable action) {
        return new SigInt(action);
    }

    @Override
    public void close() {
        sun.misc.Signal.handle(signal, previous);
    }
}
