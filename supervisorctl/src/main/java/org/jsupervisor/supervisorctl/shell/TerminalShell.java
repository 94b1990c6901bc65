package org.jsupervisor.supervisorctl.shell;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.UserInput;

/**
 * The shell on a real terminal: JLine line editing, a history file kept as plain lines (the
 * format Python's readline writes, so an existing history carries over), and completion of
 * action words and of process and group names.
 */
public final class TerminalShell {
    private TerminalShell() {
    }

    public static void run(Controller ctl) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            NameCompleter completer = new NameCompleter(ctl);
            LineReaderBuilder builder = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("supervisorctl")
                    .completer(completer)
                    .option(LineReader.Option.HISTORY_TIMESTAMPED, false)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.AUTO_FRESH_LINE, false);
            ctl.settings().historyFile().ifPresent(
                    f -> builder.variable(LineReader.HISTORY_FILE, Path.of(f)));
            LineReader reader = builder.build();
            ctl.setInput(new Input(reader));
            // Ctrl-C for tail -f and fg goes through the terminal, which hands it to the line
            // editor while a line is being read and to the command at other times.
            ctl.setInterruptHook(action -> {
                Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> action.run());
                return () -> terminal.handle(Terminal.Signal.INT, previous);
            });
            String prompt = ctl.settings().prompt() + "> ";
            boolean done = ctl.execute("status");
            while (!done) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    ctl.output("");
                    break;
                } catch (EndOfFileException e) {
                    line = "EOF";
                }
                completer.forget();
                done = ctl.execute(line);
            }
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                // Supervisor ignores a history file it cannot write, and so do we.
            }
        } catch (IOException e) {
            ctl.output("error: " + e.getMessage());
        }
    }

    /** Questions asked through the line editor, so Ctrl-C and ^D behave there too. */
    private static final class Input implements UserInput {
        private final LineReader reader;

        Input(LineReader reader) {
            this.reader = reader;
        }

        @Override
        public String readLine(String prompt) throws IOException {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                throw new InterruptedIOException("interrupted");
            } catch (EndOfFileException e) {
                return null;
            }
        }

        @Override
        public String readPassword(String prompt) throws IOException {
            try {
                return reader.readLine(prompt, (char) 0);
            } catch (UserInterruptException e) {
                throw new InterruptedIOException("interrupted");
            } catch (EndOfFileException e) {
                return null;
            }
        }

        @Override
        public boolean catchesInterrupt() {
            return true;
        }
    }
}
