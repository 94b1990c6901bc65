package org.jsupervisor.supervisorctl.command;

import java.util.ArrayList;
import java.util.List;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

/**
 * One supervisorctl action. Subclasses carry a picocli {@link Command} annotation whose
 * {@code name} is the action word and whose {@code description} lines are the action's help.
 *
 * <p>Arguments are kept as the words the user typed: Supervisor validates them per action with
 * its own messages ({@code Error: bad argument -x}), and words such as {@code -100} are data,
 * not options. Running them through picocli's parser added nothing but start-up time, so the
 * annotation serves as the action's declaration (name, help) only.
 */
public abstract class CtlCommand {
    protected List<String> args = new ArrayList<>();

    /** The argument text as typed, after the action word, stripped. */
    protected String rawArgs = "";

    /** Gives the command its arguments. */
    public void bind(String raw, List<String> words) {
        this.rawArgs = raw;
        this.args = new ArrayList<>(words);
    }

    /**
     * Runs the action, writing through {@code ctl}. Server errors the action does not handle
     * propagate to the controller. Returns true when the interactive shell should end.
     */
    public abstract boolean run(Controller ctl) throws ServerException;

    /** The action word. */
    public String name() {
        return getClass().getAnnotation(Command.class).name();
    }

    /** Prints this action's help lines. */
    public void printHelp(Controller ctl) {
        for (String line : getClass().getAnnotation(Command.class).description()) {
            ctl.output(line);
        }
    }

    /** Prints {@code message}, sets the exit status and shows the help, as a usage error. */
    protected void usageError(Controller ctl, String message, int status) {
        ctl.output(message);
        ctl.setExitStatus(status);
        printHelp(ctl);
    }
}
