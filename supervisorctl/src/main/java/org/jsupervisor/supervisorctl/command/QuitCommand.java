package org.jsupervisor.supervisorctl.command;

import picocli.CommandLine.Command;

@Command(name = "quit", description = {"quit\tLeave the shell"})
public final class QuitCommand extends EofCommand {
}
