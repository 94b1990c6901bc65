package org.jsupervisor.supervisorctl.command;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jsupervisor.common.PyRepr;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.ExitStatus;
import org.jsupervisor.supervisorctl.server.ServerConnection;
import org.jsupervisor.supervisorctl.server.ServerException;

import picocli.CommandLine.Command;

@Command(name = "fg", description = {
        "fg <process>\tShow a process's output and send it what you type",
        "\t\tCtrl-C or ^D goes back"})
public final class FgCommand extends CtlCommand {
    private static final int RUNNING = 20;

    @Override
    public boolean run(Controller ctl) throws ServerException {
        if (!ctl.upcheck()) {
            return false;
        }
        if (args.isEmpty()) {
            usageError(ctl, "ERROR: no process name supplied", ExitStatus.GENERIC);
            return false;
        }
        if (args.size() > 1) {
            ctl.output("ERROR: too many process names supplied");
            ctl.setExitStatus(ExitStatus.GENERIC);
            return false;
        }
        String name = args.get(0);
        Map<String, Object> info;
        try {
            info = Results.struct(ctl.call("getProcessInfo", name));
        } catch (ServerException.Fault f) {
            if (f.code() == Faults.BAD_NAME) {
                ctl.output("ERROR: bad process name supplied");
                ctl.setExitStatus(ExitStatus.GENERIC);
            } else {
                ctl.output("ERROR: " + faultText(f));
            }
            return false;
        }
        if (Results.num(info, "state") != RUNNING) {
            ctl.output("ERROR: process not running");
            ctl.setExitStatus(ExitStatus.GENERIC);
            return false;
        }
        String base = ctl.settings().serverUrl();
        boolean editor = ctl.input() != null && ctl.input().catchesInterrupt();
        AtomicBoolean stop = new AtomicBoolean();
        List<ServerConnection.Stream> streams = new CopyOnWriteArrayList<>();
        // With a line editor, Ctrl-C while reading arrives as an exception and at other
        // moments through this handler. Without one, a blocked read of stdin cannot be
        // interrupted, so Ctrl-C ends the whole run after saying so, as Supervisor's does.
        // The handler is in place before the banner invites the user to press Ctrl-C.
        Runnable onCtrlC = editor ? () -> stop.set(true) : () -> {
            ctl.output("Exiting foreground");
            streams.forEach(ServerConnection.Stream::close);
            System.exit(ctl.exitStatus());
        };
        try (Controller.InterruptHandler ignored = ctl.onInterrupt(onCtrlC)) {
            ctl.output("==> Press Ctrl-C to exit <==");
            for (String channel : new String[] {"stdout", "stderr"}) {
                String path = "/logtail/" + name + "/" + channel;
                streams.add(ctl.server().stream(path, Follow.sink(ctl), e -> {
                    System.err.println(base + path + " " + e);
                    if (ctl.out().checkError()) {
                        // Our stdout is gone: nothing more can be shown, so stop attaching.
                        outputGone(ctl, editor, stop, streams);
                    }
                }));
            }
            while (true) {
                String line;
                try {
                    line = ctl.input() == null || stop.get() ? null : ctl.input().readLine("");
                } catch (IOException e) { // InterruptedIOException too: the process has gone
                    line = null;
                }
                if (line == null || stop.get()) {
                    ctl.output("Exiting foreground");
                    return false;
                }
                try {
                    ctl.call("sendProcessStdin", name, line + "\n");
                } catch (ServerException.Fault f) {
                    ctl.output(f.code() == Faults.NOT_RUNNING ? "Process got killed"
                            : "ERROR: " + faultText(f));
                    ctl.output("Exiting foreground");
                    return false;
                }
                info = Results.struct(ctl.call("getProcessInfo", name));
                if (Results.num(info, "state") != RUNNING) {
                    ctl.output("Process got killed");
                    ctl.output("Exiting foreground");
                    return false;
                }
            }
        } finally {
            streams.forEach(ServerConnection.Stream::close);
        }
    }

    /**
     * Ends {@code fg} once stdout is a closed pipe. A line editor is told to stop; a plain read
     * of stdin cannot be interrupted, so the run ends there (Supervisor's client would hang).
     */
    private static void outputGone(Controller ctl, boolean editor, AtomicBoolean stop,
            List<ServerConnection.Stream> streams) {
        stop.set(true);
        if (!editor) {
            streams.forEach(ServerConnection.Stream::close);
            System.exit(ctl.exitStatus());
        }
    }

    private static String faultText(ServerException.Fault f) {
        return "<Fault " + f.code() + ": " + PyRepr.of(f.faultString()) + ">";
    }
}
