package org.jsupervisor.supervisorctl.command;

import picocli.CommandLine.Command;

@Command(name = "exit", description = {"exit\tLeave the shell"})
public final class ExitCommand extends EofCommand {
}
