package org.jsupervisor.supervisorctl;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        } catch (ClientConfigFile.Invalid e) {
            return usage(progname, e.getMessage());
        }
        UserInput input = new StdinInput(out);
        Controller ctl = new Controller(settings, out, input, new RpcClientConnection.Factory());
        if (!opts.action.isEmpty()) {
            ctl.execute(String.join(" ", opts.action));
            out.flush();
            return ctl.exitStatus();
        }
        Shell.run(ctl);
        out.flush();
        return 0;
    }

    static int usage(String progname, String message) {
        System.err.print("Error: " + message + "\n");
        System.err.print("For help, use " + progname + " -h\n");
        System.err.flush();
        return 2;
    }

    /** Command line over the {@code [supervisorctl]} section over the defaults. */
    static ClientSettings settings(CommandLineOptions opts) throws ClientConfigFile.Invalid {
        Optional<Path> file = opts.configuration != null ? Optional.of(Path.of(opts.configuration))
                : searchConfig();
        ClientConfigFile.Section section = file.isPresent() ? ClientConfigFile.read(file.get())
                : new ClientConfigFile.Section(Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty());
        String url = opts.serverUrl != null ? opts.serverUrl
                : section.serverUrl().orElse(ClientSettings.DEFAULT_SERVER_URL);
        // Plain conditionals rather than Optional.or(method reference): every lambda bootstrap
        // is start-up time.
        Optional<String> user = opts.username != null ? Optional.of(opts.username) : section.username();
        Optional<String> pass = opts.password != null ? Optional.of(opts.password) : section.password();
        Optional<String> history = opts.historyFile != null
                ? Optional.of(ClientConfigFile.normalize(opts.historyFile)) : section.historyFile();
        return new ClientSettings(url, user, pass, section.prompt().orElse(ClientSettings.DEFAULT_PROMPT),
                history, opts.interactive != null || opts.action.isEmpty());
    }

    /** Supervisor's search list for a configuration file when -c is not given. */
    static Optional<Path> searchConfig() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("jsupervisor.home");
        if (home != null) {
            candidates.add(Path.of(home, "etc", "supervisord.conf"));
            candidates.add(Path.of(home, "supervisord.conf"));
        }
        candidates.add(Path.of("supervisord.conf"));
        candidates.add(Path.of("etc", "supervisord.conf"));
        candidates.add(Path.of("/etc/supervisord.conf"));
        candidates.add(Path.of("/etc/supervisor/supervisord.conf"));
        for (Path p : candidates) {
            if (Files.exists(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
