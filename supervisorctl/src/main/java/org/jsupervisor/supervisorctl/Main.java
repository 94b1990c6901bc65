package org.jsupervisor.supervisorctl;

/** Entry point of {@code bin/supervisorctl}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("supervisorctl: not implemented yet");
        System.exit(2);
    }
}
