package org.jsupervisor.supervisorctl;

import java.util.List;
import org.jsupervisor.common.PyRepr;

/**
 * The options every supervisorctl run shares (Supervisor's {@code ClientOptions}) and the
 * action words after them, read with {@link GetOpt}.
 */
final class CommandLineOptions {
    static final String SHORT = "hc:?is:u:p:r:";
    static final List<String> LONG = List.of("help", "configuration=", "interactive", "serverurl=",
            "username=", "password=", "history_file=");

    String configuration;
    Boolean interactive;
    String serverUrl;
    String username;
    String password;
    String historyFile;
    boolean help;
    List<String> action = List.of();

    /** A usage problem; the message is printed after "Error: ". */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** Reads argv as Supervisor does, including its complaints about repeated options. */
    static CommandLineOptions parse(String[] argv) throws Invalid {
        GetOpt.Result r;
        try {
            r = GetOpt.parse(acceptDocumentedSpelling(argv), SHORT, LONG);
        } catch (GetOpt.Error e) {
            throw new Invalid(e.getMessage());
        }
        CommandLineOptions o = new CommandLineOptions();
        for (GetOpt.Opt opt : r.opts()) {
            String v = opt.value();
            switch (opt.name()) {
                case "-h", "-?", "--help" -> {
                    // Supervisor prints help as soon as it meets the option.
                    o.help = true;
                    return o;
                }
                case "-c", "--configuration" -> o.configuration = once(o.configuration, v, opt);
                case "-i", "--interactive" -> {
                    if (o.interactive != null) {
                        throw conflict(opt);
                    }
                    o.interactive = Boolean.TRUE;
                }
                case "-s", "--serverurl" -> {
                    if (!looksLikeUrl(v)) {
                        throw new Invalid("invalid value for " + opt.name() + " " + PyRepr.of(v)
                                + ": value " + PyRepr.of(v) + " is not a URL");
                    }
                    o.serverUrl = once(o.serverUrl, v, opt);
                }
                case "-u", "--username" -> o.username = once(o.username, v, opt);
                case "-p", "--password" -> o.password = once(o.password, v, opt);
                default -> o.historyFile = once(o.historyFile, v, opt);
            }
        }
        o.action = r.rest();
        return o;
    }

    /**
     * Supervisor's usage text documents {@code --history-file} but getopt only knows
     * {@code --history_file}; accept both without making {@code --history} ambiguous.
     */
    private static String[] acceptDocumentedSpelling(String[] argv) {
        String[] copy = argv.clone();
        for (int i = 0; i < copy.length && copy[i].startsWith("-") && !copy[i].equals("--"); i++) {
            if (copy[i].equals("--history-file") || copy[i].startsWith("--history-file=")) {
                copy[i] = "--history_file" + copy[i].substring("--history-file".length());
            }
        }
        return copy;
    }

    private static String once(String current, String value, GetOpt.Opt opt) throws Invalid {
        if (current != null) {
            throw conflict(opt);
        }
        return value;
    }

    private static Invalid conflict(GetOpt.Opt opt) {
        return new Invalid("conflicting command line option " + PyRepr.of(opt.name()));
    }

    /** Python's urlparse test Supervisor applies to -s: a scheme and something after it. */
    static boolean looksLikeUrl(String value) {
        String scheme = org.jsupervisor.supervisorctl.command.OpenCommand.scheme(value);
        return !scheme.isEmpty() && value.length() > scheme.length() + 1;
    }
}
