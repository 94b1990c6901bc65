package org.jsupervisor.supervisord.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command-line parsing with the rules of Python's {@code getopt.getopt}, which supervisord
 * uses: clustered short options ({@code -nc file}), attached values ({@code -cfile}),
 * {@code --long=value} or {@code --long value}, unique prefixes of long options, and the
 * same error texts. Stateless.
 */
final class Getopt {
    /** An option as given: its canonical long name and its value (null for flags). */
    record Opt(String shown, String longName, String value) {
    }

    static final class GetoptException extends Exception {
        GetoptException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param shorts short letter to long name, e.g. {@code c -> configuration}
     * @param takesValue long names that take a value
     */
    static List<Opt> parse(String[] args, Map<Character, String> shorts, List<String> longs,
            java.util.Set<String> takesValue, List<String> positional) throws GetoptException {
        List<Opt> out = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (a.startsWith("--")) {
                String body = a.substring(2);
                String value = null;
                int eq = body.indexOf('=');
                if (eq >= 0) {
                    value = body.substring(eq + 1);
                    body = body.substring(0, eq);
                }
                String name = matchLong(body, longs);
                if (takesValue.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new GetoptException("option --" + name + " requires argument");
                        }
                        value = args[++i];
                    }
                } else if (value != null) {
                    throw new GetoptException("option --" + name + " must not have an argument");
                }
                out.add(new Opt("--" + name, name, value));
                i++;
            } else if (a.startsWith("-") && a.length() > 1) {
                int j = 1;
                while (j < a.length()) {
                    char c = a.charAt(j);
                    String name = shorts.get(c);
                    if (name == null) {
                        throw new GetoptException("option -" + c + " not recognized");
                    }
                    if (takesValue.contains(name)) {
                        String value;
                        if (j + 1 < a.length()) {
                            value = a.substring(j + 1);
                        } else if (i + 1 < args.length) {
                            value = args[++i];
                        } else {
                            throw new GetoptException("option -" + c + " requires argument");
                        }
                        out.add(new Opt("-" + c, name, value));
                        break;
                    }
                    out.add(new Opt("-" + c, name, null));
                    j++;
                }
                i++;
            } else {
                break;
            }
        }
        while (i < args.length) {
            positional.add(args[i++]);
        }
        return out;
    }

    private static String matchLong(String body, List<String> longs) throws GetoptException {
        if (longs.contains(body)) {
            return body;
        }
        List<String> cands = longs.stream().filter(l -> l.startsWith(body)).toList();
        if (cands.isEmpty()) {
            throw new GetoptException("option --" + body + " not recognized");
        }
        if (cands.size() > 1) {
            throw new GetoptException("option --" + body + " not a unique prefix");
        }
        return cands.get(0);
    }
}
