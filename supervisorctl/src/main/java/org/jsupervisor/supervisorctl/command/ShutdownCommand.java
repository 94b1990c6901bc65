package org.jsupervisor.supervisorctl.command;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "shutdown", description = {
        "shutdown \tStop supervisord and everything it runs"})
public final class ShutdownCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!rawArgs.isEmpty()) {
            usageError(ctl, "Error: shutdown accepts no arguments", ExitStatus.GENERIC);
            return false;
        }
        if (!Confirm.ask(ctl, "Really shut the remote supervisord process down y/N? ")) {
            return false;
        }
        try {
            ctl.call("shutdown");
            ctl.output("Shut down");
        } catch (ServerException.Fault f) {
            if (f.code() != Faults.SHUTDOWN_STATE) {
                ctl.setExitStatus(ExitStatus.GENERIC);
                throw f;
            }
            ctl.output("ERROR: already shutting down");
        } catch (ServerException.Unreachable u) {
            ctl.setExitStatus(ExitStatus.GENERIC);
            String url = ctl.settings().serverUrl();
            switch (u.kind()) {
                case REFUSED:
                    ctl.output("ERROR: " + url + " refused connection (already shut down?)");
                    break;
                case NO_SUCH_FILE:
                    ctl.output("ERROR: " + url + " no such file (already shut down?)");
                    break;
                default:
                    throw u;
            }
        }
        return false;
    }
}
