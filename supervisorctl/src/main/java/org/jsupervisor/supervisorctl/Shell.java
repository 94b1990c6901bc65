package org.jsupervisor.supervisorctl;

import java.io.IOException;

/**
 * The interactive loop. It first shows {@code status}, as Supervisor's does, then reads action
 * lines until EOF, {@code quit}/{@code exit}, or Ctrl-C at the prompt. On a terminal it uses
 * the JLine line editor (history, completion); otherwise it prints the prompt and reads plain
 * lines, which is how commands piped on stdin behave in Supervisor too.
 */
final class Shell {
    private Shell() {
    }

    static void run(Controller ctl) {
        if (System.console() != null) {
            // Loaded only here: a one-shot run never touches the line editor's classes.
            org.jsupervisor.supervisorctl.shell.TerminalShell.run(ctl);
            return;
        }
        String prompt = ctl.settings().prompt() + "> ";
        if (ctl.execute("status")) {
            return;
        }
        while (true) {
            String line;
            try {
                line = ctl.input().readLine(prompt);
            } catch (IOException e) {
                line = null;
            }
            if (ctl.execute(line == null ? "EOF" : line)) {
                return;
            }
        }
    }
}
