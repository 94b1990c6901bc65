package org.jsupervisor.supervisorctl.command;

import java.util.Map;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "avail", description = {
        "avail\t\t\tList every configured process, whether in use or not"})
public final class AvailCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!rawArgs.isEmpty()) {
            usageError(ctl, "Error: avail accepts no arguments", ExitStatus.GENERIC);
            return false;
        }
        Object infos;
        try {
            infos = ctl.call("getAllConfigInfo");
        } catch (ServerException.Fault f) {
            ctl.setExitStatus(ExitStatus.GENERIC);
            if (f.code() != Faults.SHUTDOWN_STATE) {
                throw f;
            }
            ctl.output("ERROR: supervisor shutting down");
            return false;
        }
        for (Map<String, Object> info : Results.structs(infos)) {
            String name = Results.namespec(info);
            String inuse = Results.truthy(info, "inuse") ? "in use" : "avail";
            String auto = Results.truthy(info, "autostart") ? "auto" : "manual";
            ctl.output(StatusCommand.pad(name, 32) + " " + StatusCommand.pad(inuse, 9) + " "
                    + StatusCommand.pad(auto, 9) + " " + Results.str(info, "group_prio") + ":"
                    + Results.str(info, "process_prio"));
        }
        return false;
    }
}
