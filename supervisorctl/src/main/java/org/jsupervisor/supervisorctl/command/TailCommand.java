package org.jsupervisor.supervisorctl.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jsupervisor.common.PyRepr;
import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "tail", description = {
        "tail [-f] <name> [stdout|stderr] (default stdout)",
        "Examples:",
        "tail -f <name>\t\tFollow the stdout log of a process;",
        "\t\t\tCtrl-C stops following.",
        "tail -100 <name>\tThe last 100 *bytes* of the stdout log",
        "tail <name> stderr\tThe last 1600 *bytes* of the stderr log"})
public final class TailCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!ctl.upcheck()) {
            return false;
        }
        List<String> words = new ArrayList<>(args);
        if (words.isEmpty()) {
            usageError(ctl, "Error: too few arguments", ExitStatus.GENERIC);
            return false;
        }
        if (words.size() > 3) {
            usageError(ctl, "Error: too many arguments", ExitStatus.GENERIC);
            return false;
        }
        String modifier = words.get(0).startsWith("-") ? words.remove(0) : null;
        String name;
        String channel;
        if (words.size() == 1) {
            name = words.get(0);
            channel = "stdout";
        } else if (!words.isEmpty()) {
            // As in Supervisor, a middle word of three is ignored.
            name = words.get(0);
            channel = words.get(words.size() - 1).toLowerCase(Locale.ROOT);
            if (!channel.equals("stderr") && !channel.equals("stdout")) {
                ctl.output("Error: bad channel " + PyRepr.of(channel));
                ctl.setExitStatus(ExitStatus.GENERIC);
                return false;
            }
        } else {
            ctl.output("Error: tail requires process name");
            ctl.setExitStatus(ExitStatus.GENERIC);
            return false;
        }
        int bytes = 1600;
        if (modifier != null) {
            String what = modifier.substring(1);
            if (what.equals("f")) {
                Follow.follow(ctl, "/logtail/" + name + "/" + channel);
                return false;
            }
            Integer n = PyInt.parse(what);
            if (n == null) {
                ctl.output("Error: bad argument " + modifier);
                ctl.setExitStatus(ExitStatus.GENERIC);
                return false;
            }
            bytes = n;
        }
        String method = channel.equals("stdout") ? "readProcessStdoutLog" : "readProcessStderrLog";
        try {
            ctl.output(String.valueOf(ctl.call(method, name, -bytes, 0)));
        } catch (ServerException.Fault f) {
            ctl.setExitStatus(ExitStatus.GENERIC);
            switch (f.code()) {
                case Faults.NO_FILE:
                    ctl.output(name + ": ERROR (no log file)");
                    break;
                case Faults.FAILED:
                    ctl.output(name + ": ERROR (unknown error reading log)");
                    break;
                case Faults.BAD_NAME:
                    ctl.output(name + ": ERROR (no such process name)");
                    break;
                default:
                    throw f;
            }
        }
        return false;
    }
}
