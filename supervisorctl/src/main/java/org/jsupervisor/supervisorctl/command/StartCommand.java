package org.jsupervisor.supervisorctl.command;

import java.util.Map;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.Target;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "start", description = {
        "start <name>\t\tStart one process",
        "start <gname>:*\t\tStart every process in a group",
        "start <name> <name>\tStart several processes or groups",
        "start all\t\tStart every process"})
public final class StartCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!ctl.upcheck()) {
            return false;
        }
        if (args.isEmpty()) {
            usageError(ctl, "Error: start requires a process name", ExitStatus.INVALID_ARGS);
            return false;
        }
        if (Target.anyAll(args)) {
            report(ctl, ctl.call("startAllProcesses"));
            return false;
        }
        for (String word : args) {
            Target t = Target.parse(word);
            if (t.isGroup()) {
                try {
                    report(ctl, ctl.call("startProcessGroup", t.group()));
                } catch (ServerException.Fault f) {
                    if (f.code() != Faults.BAD_NAME) {
                        ctl.setExitStatus(ExitStatus.GENERIC);
                        throw f;
                    }
                    ctl.output(t.group() + ": ERROR (no such group)");
                    ctl.setExitStatus(ExitStatus.INVALID_ARGS);
                }
            } else {
                String name = Results.namespec(t.group(), t.process());
                try {
                    ctl.call("startProcess", word);
                    ctl.output(name + ": started");
                } catch (ServerException.Fault f) {
                    ctl.output(Results.startLine(name, f.code()));
                    ctl.noteResult(f.code(), Faults.ALREADY_STARTED);
                }
            }
        }
        return false;
    }

    private static void report(Controller ctl, Object results) {
        for (Map<String, Object> r : Results.structs(results)) {
            int code = Results.num(r, "status");
            ctl.output(Results.startLine(Results.namespec(r), code));
            ctl.noteResult(code, Faults.ALREADY_STARTED);
        }
    }
}
