package org.jsupervisor.supervisorctl.command;

import java.util.List;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "restart", description = {
        "restart <name>\t\tStop then start one process",
        "restart <gname>:*\tStop then start every process in a group",
        "restart <name> <name>\tStop then start several processes or groups",
        "restart all\t\tStop then start every process",
        "Configuration files are not read again; use reread and update for that."})
public final class RestartCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!ctl.upcheck()) {
            return false;
        }
        if (args.isEmpty()) {
            usageError(ctl, "Error: restart requires a process name", ExitStatus.GENERIC);
            return false;
        }
        StopCommand stop = new StopCommand();
        stop.bind(rawArgs, List.copyOf(args));
        stop.run(ctl);
        StartCommand start = new StartCommand();
        start.bind(rawArgs, List.copyOf(args));
        start.run(ctl);
        return false;
    }
}
