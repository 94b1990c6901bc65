package org.jsupervisor.supervisord;

import org.jsupervisor.supervisord.daemon.Supervisord;

/** Entry point of {@code bin/supervisord}: Supervisor's supervisord, same flags and behaviour. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = new Supervisord(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }
}
