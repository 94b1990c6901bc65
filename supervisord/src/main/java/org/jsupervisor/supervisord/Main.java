package org.jsupervisor.supervisord;

/** Entry point of {@code bin/supervisord}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("supervisord: not implemented yet");
        System.exit(2);
    }
}
