package org.jsupervisor.supervisorctl.command;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "reread", description = {
        "reread\t\t\tRead the configuration files again and report what changed, without"
                + " applying it"})
public final class RereadCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!rawArgs.isEmpty()) {
            usageError(ctl, "Error: reread accepts no arguments", ExitStatus.GENERIC);
            return false;
        }
        Object result;
        try {
            result = ctl.call("reloadConfig");
        } catch (ServerException.Fault f) {
            ctl.setExitStatus(ExitStatus.GENERIC);
            if (f.code() == Faults.SHUTDOWN_STATE) {
                ctl.output("ERROR: supervisor shutting down");
            } else if (f.code() == Faults.CANT_REREAD) {
                ctl.output("ERROR: " + f.faultString());
            } else {
                throw f;
            }
            return false;
        }
        List<List<String>> changes = changes(result);
        Map<String, String> byName = new TreeMap<>();
        String[] words = {"available", "changed", "disappeared"};
        for (int i = 0; i < 3; i++) {
            for (String name : changes.get(i)) {
                byName.put(name, words[i]);
            }
        }
        if (byName.isEmpty()) {
            ctl.output("No config updates to processes");
        }
        byName.forEach((name, what) -> ctl.output(name + ": " + what));
        return false;
    }

    /** {@code reloadConfig} answers {@code [[added, changed, removed]]}. */
    @SuppressWarnings("unchecked")
    static List<List<String>> changes(Object result) {
        return (List<List<String>>) ((List<Object>) result).get(0);
    }
}
