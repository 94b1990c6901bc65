package org.jsupervisor.supervisorctl.command;

import java.util.List;

/**
 * The action words and their classes. Commands are created on demand so that a one-shot run
 * loads only the class of the action it runs.
 */
public final class Commands {
    /** The actions {@code help} lists and the shell completes, sorted. */
    public static final List<String> LISTED = List.of(
            "add", "avail", "clear", "exit", "fg", "maintail", "open", "pid", "quit", "reload",
            "remove", "reread", "restart", "shutdown", "signal", "start", "status", "stop", "tail",
            "update", "version");

    /** Actions offered by completion (the listed ones and {@code help}). */
    public static final List<String> COMPLETABLE = List.of(
            "add", "avail", "clear", "exit", "fg", "help", "maintail", "open", "pid", "quit",
            "reload", "remove", "reread", "restart", "shutdown", "signal", "start", "status", "stop",
            "tail", "update", "version");

    private Commands() {
    }

    /** A fresh command for {@code name}, or null when there is no such action. */
    public static CtlCommand create(String name) {
        // A switch, not a map of constructor references: each reference would be bootstrapped
        // at start-up, and only one action runs.
        switch (name) {
            case "add": return new AddCommand();
            case "avail": return new AvailCommand();
            case "clear": return new ClearCommand();
            case "exit": return new ExitCommand();
            case "fg": return new FgCommand();
            case "help": return new HelpCommand();
            case "maintail": return new MaintailCommand();
            case "open": return new OpenCommand();
            case "pid": return new PidCommand();
            case "quit": return new QuitCommand();
            case "reload": return new ReloadCommand();
            case "remove": return new RemoveCommand();
            case "reread": return new RereadCommand();
            case "restart": return new RestartCommand();
            case "shutdown": return new ShutdownCommand();
            case "signal": return new SignalCommand();
            case "start": return new StartCommand();
            case "status": return new StatusCommand();
            case "stop": return new StopCommand();
            case "tail": return new TailCommand();
            case "update": return new UpdateCommand();
            case "version": return new VersionCommand();
            // End of input in the shell; typing it works too, as in Supervisor.
            case "EOF": return new EofCommand();
            default: return null;
        }
    }
}
