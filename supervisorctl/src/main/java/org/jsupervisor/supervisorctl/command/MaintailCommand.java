package org.jsupervisor.supervisorctl.command;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "maintail", description = {
        "maintail -f \tFollow supervisord's own log (Ctrl-C stops following)",
        "maintail -100\tThe last 100 *bytes* of supervisord's own log",
        "maintail\tThe last 1600 *bytes* of supervisord's own log",
        ""})
public final class MaintailCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!ctl.upcheck()) {
            return false;
        }
        int bytes = 1600;
        if (args.size() > 1) {
            usageError(ctl, "Error: too many arguments", ExitStatus.GENERIC);
            return false;
        }
        if (args.size() == 1) {
            String word = args.get(0);
            Integer n = word.startsWith("-") ? PyInt.parse(word.substring(1)) : null;
            if (word.equals("-f")) {
                Follow.follow(ctl, "/mainlogtail");
                return false;
            }
            if (n == null) {
                ctl.output("Error: bad argument " + word);
                ctl.setExitStatus(ExitStatus.GENERIC);
                return false;
            }
            bytes = n;
        }
        try {
            ctl.output(String.valueOf(ctl.call("readLog", -bytes, 0)));
        } catch (ServerException.Fault f) {
            ctl.setExitStatus(ExitStatus.GENERIC);
            if (f.code() == Faults.NO_FILE) {
                ctl.output("supervisord: ERROR (no log file)");
            } else if (f.code() == Faults.FAILED) {
                ctl.output("supervisord: ERROR (unknown error reading log)");
            } else {
                throw f;
            }
        }
        return false;
    }
}
