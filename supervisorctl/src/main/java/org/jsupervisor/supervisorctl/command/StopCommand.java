package org.jsupervisor.supervisorctl.command;

import java.util.Map;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.Target;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "stop", description = {
        "stop <name>\t\tStop one process",
        "stop <gname>:*\t\tStop every process in a group",
        "stop <name> <name>\tStop several processes or groups",
        "stop all\t\tStop every process"})
public final class StopCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!ctl.upcheck()) {
            return false;
        }
        if (args.isEmpty()) {
            usageError(ctl, "Error: stop requires a process name", ExitStatus.GENERIC);
            return false;
        }
        if (Target.anyAll(args)) {
            report(ctl, ctl.call("stopAllProcesses"));
            return false;
        }
        for (String word : args) {
            Target t = Target.parse(word);
            if (t.isGroup()) {
                try {
                    report(ctl, ctl.call("stopProcessGroup", t.group()));
                } catch (ServerException.Fault f) {
                    ctl.setExitStatus(ExitStatus.GENERIC);
                    if (f.code() != Faults.BAD_NAME) {
                        throw f;
                    }
                    ctl.output(t.group() + ": ERROR (no such group)");
                }
            } else {
                String name = Results.namespec(t.group(), t.process());
                try {
                    ctl.call("stopProcess", word);
                    ctl.output(name + ": stopped");
                } catch (ServerException.Fault f) {
                    ctl.output(Results.signalLine(name, f.code(), f.faultString(), "stopped"));
                    ctl.noteResult(f.code(), Faults.NOT_RUNNING);
                }
            }
        }
        return false;
    }

    private static void report(Controller ctl, Object results) {
        for (Map<String, Object> r : Results.structs(results)) {
            int code = Results.num(r, "status");
            ctl.output(Results.signalLine(Results.namespec(r), code, Results.str(r, "description"),
                    "stopped"));
            ctl.noteResult(code, Faults.NOT_RUNNING);
        }
    }
}
