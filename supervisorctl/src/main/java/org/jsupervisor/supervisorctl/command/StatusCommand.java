package org.jsupervisor.supervisorctl.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.supervisorctl.Target;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "status", description = {
        "status\t\t\tShow the state of every process",
        "status <name>\t\tShow the state of one process",
        "status <gname>:*\tShow the state of every process in a group",
        "status <name> <name>\tShow the state of several processes"})
public final class StatusCommand extends CtlCommand {

    /** State codes Supervisor counts as "not running" for the exit status (STOPPED_STATES). */
    private static boolean stopped(int state) {
        return state == 0 || state == 100 || state == 200 || state == 1000;
    }

    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!ctl.upcheck()) {
            ctl.setExitStatus(ExitStatus.STATUS_UNKNOWN);
            return false;
        }
        List<Map<String, Object>> all = Results.structs(ctl.call("getAllProcessInfo"));
        List<Map<String, Object>> shown;
        if (args.isEmpty() || Target.anyAll(args)) {
            shown = all;
        } else {
            shown = new ArrayList<>();
            for (String word : args) {
                Target t = Target.parse(word);
                boolean found = false;
                for (Map<String, Object> info : all) {
                    boolean match = Results.str(info, "group").equals(t.group())
                            && (t.isGroup() || Results.str(info, "name").equals(t.process()));
                    if (match) {
                        found = true;
                        shown.add(info);
                    }
                }
                if (!found) {
                    ctl.output(t.isGroup() ? t.group() + ": ERROR (no such group)"
                            : word + ": ERROR (no such process)");
                    ctl.setExitStatus(ExitStatus.STATUS_UNKNOWN);
                }
            }
        }
        print(ctl, shown);
        for (Map<String, Object> info : shown) {
            if (stopped(Results.num(info, "state"))) {
                ctl.setExitStatus(ExitStatus.STATUS_NOT_RUNNING);
            }
        }
        return false;
    }

    /** One line per process: name padded to the longest (at least 30) plus 3, state in 10. */
    static void print(Controller ctl, List<Map<String, Object>> infos) {
        List<String> names = new ArrayList<>(infos.size());
        int width = 30;
        for (Map<String, Object> info : infos) {
            String n = Results.namespec(info);
            names.add(n);
            width = Math.max(width, n.length());
        }
        for (int i = 0; i < infos.size(); i++) {
            Map<String, Object> info = infos.get(i);
            ctl.output(pad(names.get(i), width + 3) + pad(Results.str(info, "statename"), 10)
                    + Results.str(info, "description"));
        }
    }

    static String pad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(width).append(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
