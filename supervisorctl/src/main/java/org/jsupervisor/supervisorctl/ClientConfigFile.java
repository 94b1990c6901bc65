package org.jsupervisor.supervisorctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code [supervisorctl]} section of a Supervisor configuration file, the way
 * Supervisor's client does: RawConfigParser rules (inline {@code ;}/{@code #} comments,
 * indented continuation lines), then {@code %(here)s} and {@code %(ENV_X)s} expansion.
 * Only this one section is read, so errors elsewhere in the file (a bad program section)
 * do not stop supervisorctl, as they do not stop Supervisor's.
 */
final class ClientConfigFile {
    /** A configuration problem; the message is what Supervisor prints after "Error: ". */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** The values found; absent keys are absent. */
    record Section(Optional<String> serverUrl, Optional<String> username, Optional<String> password,
            Optional<String> prompt, Optional<String> historyFile) {
    }

    private ClientConfigFile() {
    }

    static Section read(Path file) throws Invalid {
        if (!Files.exists(file)) {
            throw new Invalid("could not find config file " + file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Invalid("could not read config file " + file);
        }
        Map<String, String> values = new HashMap<>();
        boolean found = false;
        boolean inSection = false;
        String lastKey = null;
        for (String raw : text.split("\r?\n", -1)) {
            String stripped = raw.strip();
            if (stripped.isEmpty() || stripped.startsWith(";") || stripped.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && lastKey != null) {
                if (inSection) {
                    values.put(lastKey, values.get(lastKey) + "\n" + uncomment(stripped));
                }
                continue;
            }
            if (stripped.startsWith("[")) {
                int end = stripped.indexOf(']');
                String name = end < 0 ? stripped.substring(1) : stripped.substring(1, end);
                inSection = name.equals("supervisorctl");
                found |= inSection;
                lastKey = null;
                continue;
            }
            int eq = indexOfDelimiter(stripped);
            if (eq < 0) {
                continue;
            }
            lastKey = stripped.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (inSection) {
                values.put(lastKey, uncomment(stripped.substring(eq + 1).strip()));
            }
        }
        if (!found) {
            throw new Invalid(".ini file does not include supervisorctl section");
        }
        Map<String, String> v = values;
        Path here = file.toAbsolutePath().getParent();
        String hereText = here == null ? "/" : here.toString();
        Optional<String> url = get(v, "serverurl", hereText, true);
        url = url.map(u -> u.startsWith("unix://") ? "unix://" + normalize(u.substring(7)) : u);
        return new Section(url, get(v, "username", null, false), get(v, "password", null, false),
                get(v, "prompt", null, false),
                get(v, "history_file", hereText, true).map(ClientConfigFile::normalize));
    }

    private static int indexOfDelimiter(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    /** Drops an inline comment: {@code ;} or {@code #} preceded by white space. */
    private static String uncomment(String value) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c == ';' || c == '#') && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i).strip();
            }
        }
        return value;
    }

    private static Optional<String> get(Map<String, String> v, String key, String here,
            boolean expandHere) {
        String raw = v.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(expand(raw, expandHere ? here : null));
    }

    /** Python {@code %(name)s} expansion with ENV_* variables (and here where allowed). */
    private static String expand(String raw, String here) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 1 < raw.length() && raw.charAt(i + 1) == '%') {
                b.append('%');
                i++;
            } else if (c == '%' && i + 1 < raw.length() && raw.charAt(i + 1) == '(') {
                int close = raw.indexOf(")s", i);
                if (close < 0) {
                    b.append(c);
                    continue;
                }
                String name = raw.substring(i + 2, close);
                String value = name.equals("here") ? here
                        : name.startsWith("ENV_") ? System.getenv(name.substring(4)) : null;
                b.append(value == null ? raw.substring(i, close + 2) : value);
                i = close + 1;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Python's {@code os.path.normpath(os.path.expanduser(p))}, roughly. */
    static String normalize(String p) {
        String s = p;
        if (s.startsWith("~")) {
            s = System.getProperty("user.home") + s.substring(1);
        }
        String n = Path.of(s).normalize().toString();
        return n.isEmpty() ? "." : n;
    }
}
