package org.jsupervisor.supervisorctl.command;

import java.util.Map;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.Target;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "pid", description = {
        "pid\t\t\tShow the process id of supervisord itself",
        "pid <name>\t\tShow the process id of one child process",
        "pid all\t\t\tShow the process id of every child, one per line"})
public final class PidCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!ctl.upcheck()) {
            return false;
        }
        if (args.isEmpty()) {
            ctl.output(String.valueOf(ctl.call("getPID")));
        } else if (Target.anyAll(args)) {
            for (Map<String, Object> info : Results.structs(ctl.call("getAllProcessInfo"))) {
                ctl.output(Results.str(info, "pid"));
            }
        } else {
            for (String name : args) {
                try {
                    Map<String, Object> info = Results.struct(ctl.call("getProcessInfo", name));
                    int pid = Results.num(info, "pid");
                    ctl.output(Results.str(info, "pid"));
                    if (pid == 0) {
                        ctl.setExitStatus(ExitStatus.NOT_RUNNING);
                    }
                } catch (ServerException.Fault f) {
                    ctl.setExitStatus(ExitStatus.GENERIC);
                    if (f.code() != Faults.BAD_NAME) {
                        throw f;
                    }
                    ctl.output("No such process " + name);
                }
            }
        }
        return false;
    }
}
