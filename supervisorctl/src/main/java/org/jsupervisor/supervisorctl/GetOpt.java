package org.jsupervisor.supervisorctl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Python's {@code getopt.getopt}, which Supervisor's option handling is built on: options stop
 * at the first word that is not one, long options may be abbreviated to a unique prefix, and
 * the error texts are getopt's (users see them after {@code Error: }).
 *
 * <p>Hand-written rather than picocli because a one-shot {@code supervisorctl status} must start
 * fast: building picocli's model for even the few top-level options cost over 200 ms of start-up
 * here (see docs/supervisorctl.md), and getopt's exact behaviour is small.
 */
final class GetOpt {
    /** One option as given: {@code -s} or {@code --serverurl}, and its value ("" for flags). */
    record Opt(String name, String value) {
    }

    /** Parse result: the options in order and the remaining words. */
    record Result(List<Opt> opts, List<String> rest) {
    }

    static final class Error extends Exception {
        Error(String message) {
            super(message);
        }
    }

    private GetOpt() {
    }

    /**
     * @param shortOpts e.g. {@code "hc:"}: letters, each followed by {@code :} when it takes a value
     * @param longOpts  e.g. {@code "configuration="}: names, with {@code =} when taking a value
     */
    static Result parse(String[] argv, String shortOpts, List<String> longOpts) throws Error {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        List<Opt> opts = new ArrayList<>();
        while (!args.isEmpty() && args.get(0).startsWith("-") && !args.get(0).equals("-")) {
            String word = args.remove(0);
            if (word.equals("--")) {
                break;
            }
            if (word.startsWith("--")) {
                parseLong(word.substring(2), args, longOpts, opts);
            } else {
                parseShorts(word.substring(1), args, shortOpts, opts);
            }
        }
        return new Result(opts, args);
    }

    private static void parseLong(String text, List<String> args, List<String> longOpts, List<Opt> opts)
            throws Error {
        String opt = text;
        String value = null;
        int eq = text.indexOf('=');
        if (eq >= 0) {
            opt = text.substring(0, eq);
            value = text.substring(eq + 1);
        }
        List<String> possible = new ArrayList<>();
        for (String o : longOpts) {
            if (o.startsWith(opt)) {
                possible.add(o);
            }
        }
        if (possible.isEmpty()) {
            throw new Error("option --" + opt + " not recognized");
        }
        String match;
        if (possible.contains(opt)) {
            match = opt;
        } else if (possible.contains(opt + "=")) {
            match = opt + "=";
        } else if (possible.size() > 1) {
            throw new Error("option --" + opt + " not a unique prefix");
        } else {
            match = possible.get(0);
        }
        boolean hasArg = match.endsWith("=");
        String name = hasArg ? match.substring(0, match.length() - 1) : match;
        if (hasArg && value == null) {
            if (args.isEmpty()) {
                throw new Error("option --" + name + " requires argument");
            }
            value = args.remove(0);
        } else if (!hasArg && value != null) {
            throw new Error("option --" + name + " must not have an argument");
        }
        opts.add(new Opt("--" + name, value == null ? "" : value));
    }

    private static void parseShorts(String text, List<String> args, String shortOpts, List<Opt> opts)
            throws Error {
        String rest = text;
        while (!rest.isEmpty()) {
            char c = rest.charAt(0);
            rest = rest.substring(1);
            int at = c == ':' ? -1 : shortOpts.indexOf(c);
            if (at < 0) {
                throw new Error("option -" + c + " not recognized");
            }
            boolean hasArg = at + 1 < shortOpts.length() && shortOpts.charAt(at + 1) == ':';
            String value = "";
            if (hasArg) {
                if (rest.isEmpty()) {
                    if (args.isEmpty()) {
                        throw new Error("option -" + c + " requires argument");
                    }
                    rest = args.remove(0);
                }
                value = rest;
                rest = "";
            }
            opts.add(new Opt("-" + c, value));
        }
    }
}
