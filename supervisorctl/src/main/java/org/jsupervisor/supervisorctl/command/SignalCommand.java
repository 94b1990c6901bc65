package org.jsupervisor.supervisorctl.command;

import java.util.List;
import java.util.Map;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.Target;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "signal", description = {
        "signal <signal name> <name>\t\tSend a signal to one process",
        "signal <signal name> <gname>:*\t\tSend a signal to every process in a group",
        "signal <signal name> <name> <name>\tSend a signal to several processes or groups",
        "signal <signal name> all\t\tSend a signal to every process"})
public final class SignalCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!ctl.upcheck()) {
            return false;
        }
        if (args.size() < 2) {
            ctl.output("Error: signal requires a signal name and a process name");
            printHelp(ctl);
            ctl.setExitStatus(ExitStatus.GENERIC);
            return false;
        }
        String sig = args.get(0);
        List<String> names = args.subList(1, args.size());
        if (Target.anyAll(names)) {
            report(ctl, ctl.call("signalAllProcesses", sig));
            return false;
        }
        for (String word : names) {
            Target t = Target.parse(word);
            if (t.isGroup()) {
                try {
                    report(ctl, ctl.call("signalProcessGroup", t.group(), sig));
                } catch (ServerException.Fault f) {
                    if (f.code() != Faults.BAD_NAME) {
                        throw f;
                    }
                    ctl.output(t.group() + ": ERROR (no such group)");
                    ctl.setExitStatus(ExitStatus.GENERIC);
                }
            } else {
                String name = Results.namespec(t.group(), t.process());
                try {
                    ctl.call("signalProcess", word, sig);
                    ctl.output(name + ": signalled");
                } catch (ServerException.Fault f) {
                    ctl.output(Results.signalLine(name, f.code(), f.faultString(), "signalled"));
                    ctl.noteResult(f.code(), ExitStatus.TOLERATE_NONE);
                }
            }
        }
        return false;
    }

    private static void report(Controller ctl, Object results) {
        for (Map<String, Object> r : Results.structs(results)) {
            int code = Results.num(r, "status");
            ctl.output(Results.signalLine(Results.namespec(r), code, Results.str(r, "description"),
                    "signalled"));
            ctl.noteResult(code, ExitStatus.TOLERATE_NONE);
        }
    }
}
