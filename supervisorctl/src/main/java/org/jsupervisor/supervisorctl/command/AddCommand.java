package org.jsupervisor.supervisorctl.command;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "add", description = {
        "add <name> [...]\tBring groups that reread found into the running configuration"})
public final class AddCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        for (String name : args) {
            try {
                ctl.call("addProcessGroup", name);
                ctl.output(name + ": added process group");
            } catch (ServerException.Fault f) {
                switch (f.code()) {
                    case Faults.SHUTDOWN_STATE:
                        ctl.output("ERROR: shutting down");
                        ctl.setExitStatus(ExitStatus.GENERIC);
                        break;
                    case Faults.ALREADY_ADDED:
                        ctl.output("ERROR: process group already active");
                        break;
                    case Faults.BAD_NAME:
                        ctl.output("ERROR: no such process/group: " + name);
                        ctl.setExitStatus(ExitStatus.GENERIC);
                        break;
                    default:
                        ctl.setExitStatus(ExitStatus.GENERIC);
                        throw f;
                }
            }
        }
        return false;
    }
}
