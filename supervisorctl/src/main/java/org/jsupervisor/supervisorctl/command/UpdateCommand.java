package org.jsupervisor.supervisorctl.command;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "update", description = {
        "update\t\t\tReread the configuration, then add, remove and restart groups to match",
        "update all\t\tThe same as update",
        "update <gname> [...]\tApply the changes of the named groups only"})
public final class UpdateCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        Object result;
        try {
            result = ctl.call("reloadConfig");
        } catch (ServerException.Fault f) {
            ctl.setExitStatus(ExitStatus.GENERIC);
            if (f.code() != Faults.SHUTDOWN_STATE) {
                throw f;
            }
            ctl.output("ERROR: already shutting down");
            return false;
        }
        List<List<String>> changes = RereadCommand.changes(result);
        List<String> added = changes.get(0);
        List<String> changed = changes.get(1);
        List<String> removed = changes.get(2);
        Set<String> wanted = new LinkedHashSet<>(args);
        if (wanted.contains("all")) {
            wanted.clear();
        }
        if (!wanted.isEmpty()) {
            Set<String> groups = new LinkedHashSet<>();
            for (Map<String, Object> info : Results.structs(ctl.call("getAllProcessInfo"))) {
                groups.add(Results.str(info, "group"));
            }
            groups.addAll(added);
            for (String g : wanted) {
                if (!groups.contains(g)) {
                    ctl.output("ERROR: no such group: " + g);
                    ctl.setExitStatus(ExitStatus.GENERIC);
                }
            }
        }
        for (String g : removed) {
            if (!wanted.isEmpty() && !wanted.contains(g)) {
                continue;
            }
            List<Map<String, Object>> results = Results.structs(ctl.call("stopProcessGroup", g));
            ctl.output(g + ": stopped");
            boolean failed = results.stream().anyMatch(r -> Results.num(r, "status") == Faults.FAILED);
            if (failed) {
                ctl.output(g + ": has problems; not removing");
                ctl.setExitStatus(ExitStatus.GENERIC);
                continue;
            }
            ctl.call("removeProcessGroup", g);
            ctl.output(g + ": removed process group");
        }
        for (String g : changed) {
            if (!wanted.isEmpty() && !wanted.contains(g)) {
                continue;
            }
            ctl.call("stopProcessGroup", g);
            ctl.output(g + ": stopped");
            ctl.call("removeProcessGroup", g);
            ctl.call("addProcessGroup", g);
            ctl.output(g + ": updated process group");
        }
        for (String g : added) {
            if (!wanted.isEmpty() && !wanted.contains(g)) {
                continue;
            }
            ctl.call("addProcessGroup", g);
            ctl.output(g + ": added process group");
        }
        return false;
    }
}
