package org.jsupervisor.supervisorctl.command;

import org.jsupervisor.supervisorctl.Controller;

import picocli.CommandLine.Command;

@Command(name = "EOF", description = {"To leave the shell, type ^D or quit"})
public class EofCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) {
        ctl.output("");
        return true;
    }
}
