package org.jsupervisor.supervisorctl;

import picocli.CommandLine;

/** Words Python's getopt uses for a bad command line, which Supervisor prints after "Error: ". */
final class OptionErrors {
    private OptionErrors() {
    }

    static String describe(CommandLine.ParameterException e, String[] args) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            if (word.startsWith("--")) {
                int eq = word.indexOf('=');
                return "option " + (eq < 0 ? word : word.substring(0, eq)) + " not recognized";
            }
            if (word.startsWith("-") && word.length() > 1) {
                return "option " + word.substring(0, 2) + " not recognized";
            }
        }
        if (e instanceof CommandLine.MissingParameterException
                || e.getMessage().startsWith("Missing required parameter")
                || e.getMessage().contains("requires at least")) {
            String opt = args.length == 0 ? "" : args[args.length - 1];
            return "option " + opt + " requires argument";
        }
        if (e instanceof CommandLine.OverwrittenOptionException o) {
            String name = o.getOverwritten() instanceof CommandLine.Model.OptionSpec os ? os.shortestName() : "";
            return "conflicting command line option " + PyRepr.of(name);
        }
        return e.getMessage();
    }
}
