package org.jsupervisor.supervisorctl;

import org.jsupervisor.rpc.Faults;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

import org.jsupervisor.supervisorctl.command.CtlCommand;
import org.jsupervisor.supervisorctl.command.Commands;
import org.jsupervisor.supervisorctl.server.ServerConnection;
import org.jsupervisor.supervisorctl.server.ServerException;

/**
 * One supervisorctl session: runs command lines, holds the exit status and the current server
 * settings ({@code open} and a 401 can change them), and owns all output.
 *
 * <p>Single-threaded, except {@link #output} which {@code fg}'s stream thread may also call.
 */
public final class Controller {
    /** The API version this client speaks (answer of {@code supervisor.getVersion}). */
    static final String API_VERSION = "3.0";

    private final PrintStream out;
    private final Function<ClientSettings, ServerConnection> connector;
    private UserInput input;
    private ClientSettings settings;
    private ServerConnection connection;
    private int exitStatus = ExitStatus.SUCCESS;
    private java.util.function.Function<Runnable, InterruptHandler> interruptHook;

    /** Ctrl-C handling installed for a while; {@link #close} puts the previous one back. */
    public interface InterruptHandler extends AutoCloseable {
        @Override
        void close();
    }

    public Controller(ClientSettings settings, PrintStream out, UserInput input,
            Function<ClientSettings, ServerConnection> connector) {
        this.settings = settings;
        this.out = out;
        this.input = input;
        this.connector = connector;
    }

    public ClientSettings settings() {
        return settings;
    }

    /** Points the session at another server (the {@code open} command). */
    public void setServerUrl(String url) {
        settings = settings.withServerUrl(url);
        connection = null;
    }

    public boolean interactive() {
        return settings.interactive();
    }

    public UserInput input() {
        return input;
    }

    public void setInput(UserInput input) {
        this.input = input;
    }

    /**
     * Runs {@code action} if the user presses Ctrl-C until the returned handle is closed.
     * By default this is a JVM signal handler; the terminal shell routes it through its
     * terminal instead, so that it and the line editor take turns.
     */
    public InterruptHandler onInterrupt(Runnable action) {
        return interruptHook != null ? interruptHook.apply(action) : SigInt.during(action);
    }

    public void setInterruptHook(java.util.function.Function<Runnable, InterruptHandler> hook) {
        this.interruptHook = hook;
    }

    public PrintStream out() {
        return out;
    }

    /** Writes one line of output (Supervisor's {@code ctl.output}). */
    public void output(String line) {
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }

    public int exitStatus() {
        return exitStatus;
    }

    public void setExitStatus(int status) {
        exitStatus = status;
    }

    /** Records the outcome of one per-process result; see {@link ExitStatus#forResult}. */
    public void noteResult(int faultCode, int toleratedFault) {
        int status = ExitStatus.forResult(faultCode, toleratedFault);
        if (status >= 0) {
            exitStatus = status;
        }
    }

    /** The connection to the current server, made on first use. */
    public ServerConnection server() {
        if (connection == null) {
            connection = connector.apply(settings);
        }
        return connection;
    }

    /** Shorthand for {@code server().call("supervisor." + method, params)}. */
    public Object call(String method, Object... params) throws ServerException {
        return server().call("supervisor." + method, params);
    }

    /**
     * Checks that a supervisord with a compatible API answers, printing why not and setting the
     * exit status when it does not. Faults other than an unknown method propagate.
     */
    public boolean upcheck() throws ServerException {
        try {
            Object api = call("getVersion");
            if (!API_VERSION.equals(api)) {
                output("Sorry, this version of supervisorctl expects to talk to a server with API"
                        + " version " + API_VERSION + ", but the remote version is " + api + ".");
                exitStatus = ExitStatus.NOT_INSTALLED;
                return false;
            }
            return true;
        } catch (ServerException.Fault f) {
            if (f.code() == Faults.UNKNOWN_METHOD) {
                output("Sorry, supervisord responded but did not recognize the supervisor namespace"
                        + " commands that supervisorctl uses to control it.  Please check that the"
                        + " [rpcinterface:supervisor] section is enabled in the configuration file"
                        + " (see sample.conf).");
                exitStatus = ExitStatus.UNIMPLEMENTED_FEATURE;
                return false;
            }
            exitStatus = ExitStatus.GENERIC;
            throw f;
        } catch (ServerException.Unreachable u) {
            switch (u.kind()) {
                case REFUSED:
                    output(settings.serverUrl() + " refused connection");
                    exitStatus = ExitStatus.INSUFFICIENT_PRIVILEGES;
                    return false;
                case NO_SUCH_FILE:
                    output(settings.serverUrl() + " no such file");
                    exitStatus = ExitStatus.NOT_RUNNING;
                    return false;
                default:
                    exitStatus = ExitStatus.GENERIC;
                    throw u;
            }
        }
    }

    /**
     * Runs one command line as Supervisor's shell does: {@code ?x} means {@code help x}, the
     * command is the leading run of word characters, the rest is split on white space.
     * Returns true when the line asks the shell to end.
     */
    public boolean execute(String rawLine) {
        String line = rawLine.strip();
        if (line.isEmpty()) {
            return false;
        }
        if (line.charAt(0) == '?') {
            line = "help " + line.substring(1);
        }
        int i = 0;
        while (i < line.length() && isIdentChar(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        String rest = line.substring(i).strip();
        CtlCommand command = name.isEmpty() ? null : Commands.create(name);
        if (command == null) {
            output("*** Unknown syntax: " + line);
            exitStatus = ExitStatus.GENERIC;
            return false;
        }
        List<String> words = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
        return runWithAuthRetry(command, rest, words);
    }

    private boolean runWithAuthRetry(CtlCommand command, String rest, List<String> words) {
        try {
            command.bind(rest, words);
            return command.run(this);
        } catch (ServerException.AuthRequired e) {
            output("Server requires authentication");
            if (interactive() && input != null) {
                try {
                    String user = input.readLine("Username:");
                    String pass = input.readPassword("Password:");
                    output("");
                    if (user != null && pass != null) {
                        settings = settings.withCredentials(user, pass);
                        connection = null;
                        return runWithAuthRetry(command, rest, words);
                    }
                } catch (IOException io) {
                    reportUnexpected(io);
                }
            }
            exitStatus = ExitStatus.GENERIC;
            // Supervisor then runs the action once more, outside its 401 handling, so a
            // second 401 is reported as an unexpected error; users see both lines.
            try {
                CtlCommand again = Commands.create(command.name());
                again.bind(rest, words);
                return again.run(this);
            } catch (ServerException | RuntimeException second) {
                reportUnexpected(second);
                return false;
            }
        } catch (ServerException | RuntimeException e) {
            reportUnexpected(e);
            return false;
        }
    }

    /** Supervisor prints an unexpected error as one {@code error: <class ...>, ...} line. */
    void reportUnexpected(Exception e) {
        output("error: " + ErrorText.describe(e));
        exitStatus = ExitStatus.GENERIC;
    }

    private static boolean isIdentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
