package org.jsupervisor.supervisorctl.command;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "reload", description = {
        "reload \t\tMake supervisord stop everything, read its configuration and start again"})
public final class ReloadCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!rawArgs.isEmpty()) {
            usageError(ctl, "Error: reload accepts no arguments", ExitStatus.GENERIC);
            return false;
        }
        if (!Confirm.ask(ctl, "Really restart the remote supervisord process y/N? ")) {
            return false;
        }
        try {
            ctl.call("restart");
            ctl.output("Restarted supervisord");
        } catch (ServerException.Fault f) {
            ctl.setExitStatus(ExitStatus.GENERIC);
            if (f.code() != Faults.SHUTDOWN_STATE) {
                throw f;
            }
            ctl.output("ERROR: already shutting down");
        }
        return false;
    }
}
