package org.jsupervisor.supervisorctl;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.jsupervisor.common.config.ConfigException;
import org.jsupervisor.common.config.ConfigLoader;
import org.jsupervisor.common.config.SupervisorctlSection;
import org.jsupervisor.supervisorctl.server.RpcClientConnection;

/**
 * Entry point of {@code bin/supervisorctl}. A one-shot run ({@code supervisorctl status}) loads
 * only what that one action needs; the interactive shell and its line editor are loaded only
 * when there is no action.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        System.exit(run(args, out));
    }

    /** Runs supervisorctl, writing to {@code out}, and returns its exit status. */
    public static int run(String[] args, PrintStream out) {
        String progname = System.getProperty("jsupervisor.progname", "supervisorctl");
        CommandLineOptions opts;
        try {
            opts = CommandLineOptions.parse(args);
        } catch (CommandLineOptions.Invalid e) {
            return usage(progname, e.getMessage());
        }
        if (opts.help) {
            out.print(Usage.text(progname));
            out.flush();
            return 0;
        }
        ClientSettings settings;
        try {
            settings = settings(opts);
        } catch (ConfigException e) {
            return usage(progname, e.getMessage());
        }
        UserInput input = new StdinInput(out);
        Controller ctl = new Controller(settings, out, input, new RpcClientConnection.Factory());
        if (!opts.action.isEmpty()) {
            ctl.execute(String.join(" ", opts.action));
            out.flush();
            return ctl.exitStatus();
        }
        int status = Shell.run(ctl);
        out.flush();
        return status;
    }

    static int usage(String progname, String message) {
        System.err.print("Error: " + message + "\n");
        System.err.print("For help, use " + progname + " -h\n");
        System.err.flush();
        return 2;
    }

    /** Command line over the {@code [supervisorctl]} section over the defaults. */
    static ClientSettings settings(CommandLineOptions opts) throws ConfigException {
        Path cwd = Path.of("").toAbsolutePath();
        Optional<Path> file = opts.configuration != null ? Optional.of(Path.of(opts.configuration))
                : ConfigLoader.findDefaultConfig(launcherDir(), cwd);
        SupervisorctlSection section = file.isPresent() ? ConfigLoader.loadClient(file.get())
                : ConfigLoader.clientDefaults();
        String url = opts.serverUrl != null ? opts.serverUrl : section.serverUrl();
        // Plain conditionals rather than Optional.or(method reference): every lambda bootstrap
        // is start-up time.
        Optional<String> user = opts.username != null ? Optional.of(opts.username) : section.username();
        Optional<String> pass = opts.password != null ? Optional.of(opts.password) : section.password();
        Optional<String> history = opts.historyFile != null
                ? Optional.of(Path.of(opts.historyFile).toAbsolutePath().normalize().toString())
                : section.historyFile();
        return new ClientSettings(url, user, pass, section.prompt(), history,
                opts.interactive != null || opts.action.isEmpty());
    }

    /**
     * The launcher's directory, which Supervisor's config search starts from ({@code ../etc}).
     * The launcher passes its home as {@code -Djsupervisor.home}; without it, the directory a
     * packaged supervisorctl lives in.
     */
    static Path launcherDir() {
        String home = System.getProperty("jsupervisor.home");
        return home != null ? Path.of(home, "bin") : Path.of("/usr/bin");
    }
}
