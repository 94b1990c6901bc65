package org.jsupervisor.supervisorctl.command;

import java.util.Map;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.Target;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "clear", description = {
        "clear <name>\t\tEmpty the log files of one process",
        "clear <name> <name>\tEmpty the log files of several processes",
        "clear all\t\tEmpty the log files of every process"})
public final class ClearCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!ctl.upcheck()) {
            return false;
        }
        if (args.isEmpty()) {
            usageError(ctl, "Error: clear requires a process name", ExitStatus.GENERIC);
            return false;
        }
        if (Target.anyAll(args)) {
            for (Map<String, Object> r : Results.structs(ctl.call("clearAllProcessLogs"))) {
                int code = Results.num(r, "status");
                ctl.output(Results.clearLine(Results.namespec(r), code));
                ctl.noteResult(code, ExitStatus.TOLERATE_NONE);
            }
            return false;
        }
        for (String word : args) {
            Target t = Target.parse(word);
            String name = Results.namespec(t.group(), t.process());
            try {
                ctl.call("clearProcessLogs", word);
                ctl.output(name + ": cleared");
            } catch (ServerException.Fault f) {
                ctl.output(Results.clearLine(name, f.code()));
                ctl.noteResult(f.code(), ExitStatus.TOLERATE_NONE);
            }
        }
        return false;
    }
}
