package org.jsupervisor.supervisorctl.command;

import java.util.Locale;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "open", description = {
        "open <url>\tTalk to another supervisord from now on",
        "\t\t(unix:///path/to/socket or http://host:port)"})
public final class OpenCommand extends CtlCommand {
    @Override
    public boolean run(Controller ctl) throws ServerException {
        String url = rawArgs.strip();
        String scheme = scheme(url);
        if (!scheme.equals("unix") && !scheme.equals("http")) {
            ctl.output("ERROR: url must be http:// or unix://");
            ctl.setExitStatus(ExitStatus.GENERIC);
            return false;
        }
        ctl.setServerUrl(url);
        int before = ctl.exitStatus();
        StatusCommand status = new StatusCommand();
        status.bind("", java.util.List.of());
        status.run(ctl);
        ctl.setExitStatus(before);
        return false;
    }

    /** The URL scheme as Python's urlparse finds it, lower-cased; empty when there is none. */
    public static String scheme(String url) {
        int colon = url.indexOf(':');
        if (colon <= 0 || !Character.isLetter(url.charAt(0))) {
            return "";
        }
        for (int i = 1; i < colon; i++) {
            char c = url.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
                return "";
            }
        }
        return url.substring(0, colon).toLowerCase(Locale.ROOT);
    }
}
