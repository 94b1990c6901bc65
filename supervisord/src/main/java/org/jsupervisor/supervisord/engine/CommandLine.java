package org.jsupervisor.supervisord.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsupervisor.common.Signal;

/**
 * Splits a {@code command=} line into words the way Supervisor does (Python's
 * {@code shlex.split} in POSIX mode): whitespace separates words; single quotes keep
 * everything literally; inside double quotes a backslash escapes only {@code "} and
 * {@code \}; outside quotes a backslash escapes any character. Also decodes wait statuses
 * into Supervisor's words.
 */
public final class CommandLine {
    private CommandLine() {
    }

    /** Thrown with Python's wording ({@code No closing quotation}, {@code No escaped character}). */
    public static final class ParseException extends Exception {
        public ParseException(String message) {
            super(message, null, false, false);
        }
    }

    public static List<String> split(String line) throws ParseException {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new ParseException("No closing quotation");
                }
                cur.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\') {
                        if (i + 1 >= n) {
                            throw new ParseException("No closing quotation");
                        }
                        char e = line.charAt(i + 1);
                        if (e == '"' || e == '\\') {
                            cur.append(e);
                        } else {
                            cur.append(d).append(e);
                        }
                        i += 2;
                        continue;
                    }
                    cur.append(d);
                    i++;
                }
                if (!closed) {
                    throw new ParseException("No closing quotation");
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new ParseException("No escaped character");
                }
                cur.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                cur.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }

    /** Supervisor's name for a signal number: {@code SIGTERM}, or {@code signal 33}. */
    public static String signame(int sig) {
        if (sig == 29) {
            return "SIGPOLL";
        }
        if (sig == 34) {
            return "SIGRTMIN";
        }
        if (sig == 64) {
            return "SIGRTMAX";
        }
        Optional<Signal> s = Signal.byNumber(sig);
        return s.map(Signal::signame).orElse("signal " + sig);
    }

    /** The exit status Supervisor records: the code, or -1 when killed by a signal. */
    public static int exitStatus(int waitStatus) {
        return Posix.exitStatus(waitStatus);
    }

    /** Supervisor's words for a wait status: {@code exit status 1}, {@code terminated by SIGTERM}. */
    public static String describeWaitStatus(int sts) {
        int sig = sts & 0x7f;
        if (sig == 0) {
            return "exit status " + ((sts >> 8) & 0xff);
        }
        if (sig != 0x7f) {
            String msg = "terminated by " + signame(sig);
            return (sts & 0x80) != 0 ? msg + " (core dumped)" : msg;
        }
        return String.format("unknown termination cause 0x%04x", sts);
    }
}
