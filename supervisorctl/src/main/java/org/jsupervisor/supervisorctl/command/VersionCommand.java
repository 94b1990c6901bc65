package org.jsupervisor.supervisorctl.command;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "version", description = {
        "version\t\t\tShow which version of supervisord is running"})
public final class VersionCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!rawArgs.isEmpty()) {
            usageError(ctl, "Error: version accepts no arguments", ExitStatus.GENERIC);
            return false;
        }
        if (!ctl.upcheck()) {
            return false;
        }
        ctl.output(String.valueOf(ctl.call("getSupervisorVersion")));
        return false;
    }
}
