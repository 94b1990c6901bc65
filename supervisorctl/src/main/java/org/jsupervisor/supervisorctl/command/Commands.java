package org.jsupervisor.supervisorctl.command;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The action words and their classes. Commands are created on demand so that a one-shot run
 * loads only the class of the action it runs.
 */
public final class Commands {
    private static final Map<String, Supplier<CtlCommand>> FACTORIES = Map.ofEntries(
            Map.entry("add", AddCommand::new),
            Map.entry("avail", AvailCommand::new),
            Map.entry("clear", ClearCommand::new),
            Map.entry("exit", ExitCommand::new),
            Map.entry("fg", FgCommand::new),
            Map.entry("help", HelpCommand::new),
            Map.entry("maintail", MaintailCommand::new),
            Map.entry("open", OpenCommand::new),
            Map.entry("pid", PidCommand::new),
            Map.entry("quit", QuitCommand::new),
            Map.entry("reload", ReloadCommand::new),
            Map.entry("remove", RemoveCommand::new),
            Map.entry("reread", RereadCommand::new),
            Map.entry("restart", RestartCommand::new),
            Map.entry("shutdown", ShutdownCommand::new),
            Map.entry("signal", SignalCommand::new),
            Map.entry("start", StartCommand::new),
            Map.entry("status", StatusCommand::new),
            Map.entry("stop", StopCommand::new),
            Map.entry("tail", TailCommand::new),
            Map.entry("update", UpdateCommand::new),
            Map.entry("version", VersionCommand::new),
            // End of input in the shell; typing it works too, as in Supervisor.
            Map.entry("EOF", EofCommand::new));

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
        Supplier<CtlCommand> f = FACTORIES.get(name);
        return f == null ? null : f.get();
    }
}
