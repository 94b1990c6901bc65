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

    /** Runs the loop; returns the process exit status (0, or 1 when stdout became a closed pipe). */
    static int run(Controller ctl) {
        if (System.console() != null) {
            // Loaded only here: a one-shot run never touches the line editor's classes.
            org.jsupervisor.supervisorctl.shell.TerminalShell.run(ctl);
            return 0;
        }
        String prompt = ctl.settings().prompt() + "> ";
        if (ctl.execute("status")) {
            return 0;
        }
        while (true) {
            String line;
            try {
                line = ctl.input().readLine(prompt);
            } catch (IOException e) {
                line = null;
            }
            boolean done = ctl.execute(line == null ? "EOF" : line);
            if (ctl.out().checkError()) {
                // stdout is a closed pipe (`supervisorctl < cmds | head -1`). A PrintStream
                // hides that, so without this check the loop would read stdin forever;
                // Supervisor's shell dies of the BrokenPipeError (traceback, exit 1).
                System.err.print("BrokenPipeError: [Errno 32] Broken pipe\n");
                return 1;
            }
            if (done) {
                return 0;
            }
        }
    }
}
