package org.jsupervisor.supervisorctl.command;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "remove", description = {
        "remove <name> [...]\tTake stopped groups out of the running configuration"})
public final class RemoveCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        for (String name : args) {
            try {
                ctl.call("removeProcessGroup", name);
                ctl.output(name + ": removed process group");
            } catch (ServerException.Fault f) {
                ctl.setExitStatus(ExitStatus.GENERIC);
                if (f.code() == Faults.STILL_RUNNING) {
                    ctl.output("ERROR: process/group still running: " + name);
                } else if (f.code() == Faults.BAD_NAME) {
                    ctl.output("ERROR: no such process/group: " + name);
                } else {
                    throw f;
                }
            }
        }
        return false;
    }
}
