package org.jsupervisor.supervisorctl.command;

import java.io.IOException;

import org.jsupervisor.supervisorctl.Controller;

/** The y/N question shutdown and reload ask in interactive mode. */
final class Confirm {
    private Confirm() {
    }

    /** True when not interactive, or when the answer starts with y or Y. */
    static boolean ask(Controller ctl, String question) {
        if (!ctl.interactive() || ctl.input() == null) {
            return true;
        }
        try {
            String answer = ctl.input().readLine(question);
            return answer != null && answer.toLowerCase(java.util.Locale.ROOT).startsWith("y");
        } catch (IOException e) {
            return false;
        }
    }
}
