package org.jsupervisor.common.config;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsupervisor.common.Signal;
import org.jsupervisor.common.config.ini.PyText;

/**
 * Supervisor's value types (its {@code datatypes} module): each method accepts exactly the
 * spellings Supervisor accepts and throws {@link IllegalArgumentException} with a reason for
 * the others. The caller adds the file, section and key.
 */
final class Values {
    private Values() {
    }

    private static final List<String> TRUE = List.of("yes", "true", "on", "1");
    private static final List<String> FALSE = List.of("no", "false", "off", "0");

    static boolean bool(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (TRUE.contains(l)) {
            return true;
        }
        if (FALSE.contains(l)) {
            return false;
        }
        throw new IllegalArgumentException("not a valid boolean value: " + PyText.repr(s));
    }

    static BigInteger bigInteger(String s) {
        try {
            return PyText.parseInt(s, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static int integer(String s) {
        BigInteger v = bigInteger(s);
        if (v.bitLength() > 31) {
            throw new IllegalArgumentException("integer out of the supported range: " + PyText.repr(s));
        }
        return v.intValue();
    }

    /** {@code 50MB}, {@code 10kb}, {@code 1GB} or a plain number of bytes. */
    static long byteSize(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        long mult = 1;
        if (v.endsWith("kb")) {
            mult = 1024L;
        } else if (v.endsWith("mb")) {
            mult = 1024L * 1024;
        } else if (v.endsWith("gb")) {
            mult = 1024L * 1024 * 1024;
        }
        if (mult != 1) {
            v = v.substring(0, v.length() - 2);
        }
        BigInteger n = bigInteger(v).multiply(BigInteger.valueOf(mult));
        if (n.bitLength() > 63) {
            throw new IllegalArgumentException("byte size out of the supported range: " + PyText.repr(s));
        }
        return n.longValue();
    }

    static int octal(String s) {
        try {
            BigInteger v = PyText.parseInt(s, 8);
            if (v.bitLength() > 31) {
                throw new NumberFormatException();
            }
            return v.intValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s + " can not be converted to an octal type");
        }
    }

    /** A name with or without SIG, any case, or a number that names a signal ({@link Signal#parse}). */
    static Signal signal(String value) {
        BigInteger parsed;
        try {
            parsed = PyText.parseInt(value, 10);
        } catch (NumberFormatException e) {
            parsed = null; // a name
        }
        final BigInteger n = parsed;
        String upper = PyText.strip(value).toUpperCase(Locale.ROOT);
        boolean zero = n != null ? n.signum() == 0
                : List.of("SIG_DFL", "SIG_BLOCK", "_DFL", "_BLOCK").contains(upper);
        if (zero) {
            throw new IllegalArgumentException("value " + PyText.repr(value)
                    + " names signal 0, which jsupervisor does not support as a signal to send");
        }
        Optional<Signal> s = n != null
                ? (n.bitLength() < 31 ? Signal.byNumber(n.intValue()) : Optional.empty())
                : Signal.parse(PyText.strip(value));
        return s.orElseThrow(() -> new IllegalArgumentException("value " + PyText.repr(value) + " is not a valid signal "
                + (n != null ? "number" : "name")));
    }

    static List<Integer> exitcodes(String s) {
        List<Integer> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        for (String part : s.split(",", -1)) {
            BigInteger v;
            try {
                v = PyText.parseInt(part, 10);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a valid list of exit codes: " + PyText.repr(s));
            }
            if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(255)) > 0) {
                throw new IllegalArgumentException("not a valid list of exit codes: " + PyText.repr(s));
            }
            out.add(v.intValue());
        }
        return out;
    }

    static AutoRestart autoRestart(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (TRUE.contains(l)) {
            return AutoRestart.TRUE;
        }
        if (FALSE.contains(l)) {
            return AutoRestart.FALSE;
        }
        if (l.equals("unexpected")) {
            return AutoRestart.UNEXPECTED;
        }
        throw new IllegalArgumentException("invalid 'autorestart' value " + PyText.repr(l));
    }

    static LogLevel logLevel(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "critical", "error", "warn", "info", "debug", "trace", "blather" ->
                    LogLevel.parse(s).orElseThrow();
            default -> throw new IllegalArgumentException("bad logging level name " + PyText.repr(s));
        };
    }

    /** Process and group names may not contain a space, ':' or '/'; surrounding space goes. */
    static String processOrGroupName(String name) {
        String s = PyText.strip(name);
        for (char c : new char[] {' ', ':', '/'}) {
            if (s.indexOf(c) >= 0) {
                throw new IllegalArgumentException("Invalid name: " + PyText.repr(name)
                        + " because of character: " + PyText.repr(String.valueOf(c)));
            }
        }
        return s;
    }

    /** Comma-separated, each stripped; empty text is an empty list. */
    static List<String> listOfStrings(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String p : s.split(",", -1)) {
            out.add(PyText.strip(p));
        }
        return out;
    }

    /** {@code host:port}, {@code *:port}, {@code :port} or {@code port}; host lower-cased, '' = all. */
    static InetHostPort inetAddress(String s) {
        String host = "";
        String portText = s;
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
            host = s.substring(0, colon).toLowerCase(Locale.ROOT);
            portText = s.substring(colon + 1);
            if (portText.isEmpty()) {
                throw new IllegalArgumentException("no port number specified in " + PyText.repr(portText));
            }
            return new InetHostPort(host.equals("*") ? "" : host, portNumber(portText));
        }
        try {
            return new InetHostPort("", portNumber(portText));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid port number: " + PyText.repr(s));
        }
    }

    record InetHostPort(String host, int port) {
    }

    static int portNumber(String s) {
        BigInteger v = bigInteger(s);
        if (v.signum() < 1) {
            throw new IllegalArgumentException(v + " is below lower bound (1)");
        }
        if (v.compareTo(BigInteger.valueOf(65535)) > 0) {
            throw new IllegalArgumentException(v + " is above upper bound (65535)");
        }
        return v.intValue();
    }

    /** Python's os.path.expanduser: {@code ~} from HOME, {@code ~name} from the user database. */
    static String expandUser(String path, LoadContext ctx) {
        if (!path.startsWith("~")) {
            return path;
        }
        int slash = path.indexOf('/');
        String head = slash < 0 ? path : path.substring(0, slash);
        String rest = slash < 0 ? "" : path.substring(slash);
        String home;
        if (head.equals("~")) {
            home = ctx.environment().get("HOME");
            if (home == null) {
                home = ctx.users().userById(ctx.uid()).map(UserDatabase.User::home).orElse(null);
            }
        } else {
            home = ctx.users().userByName(head.substring(1)).map(UserDatabase.User::home).orElse(null);
        }
        if (home == null) {
            return path;
        }
        if (!home.equals("/")) {
            while (home.endsWith("/")) {
                home = home.substring(0, home.length() - 1);
            }
        }
        String joined = home + rest;
        return joined.isEmpty() ? "/" : joined;
    }

    /** Python's os.path.normpath(os.path.abspath(os.path.expanduser(v))). */
    static String normalizePath(String v, LoadContext ctx) {
        String p = expandUser(v, ctx);
        if (!p.startsWith("/")) {
            p = ctx.cwd().toString() + "/" + p;
        }
        return normpath(p);
    }

    /** POSIX os.path.normpath for an absolute or relative path. */
    static String normpath(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        int initial = p.startsWith("/") ? (p.startsWith("//") && !p.startsWith("///") ? 2 : 1) : 0;
        List<String> out = new ArrayList<>();
        for (String comp : p.split("/")) {
            if (comp.isEmpty() || comp.equals(".")) {
                continue;
            }
            if (!comp.equals("..") || (initial == 0 && out.isEmpty())
                    || (!out.isEmpty() && out.get(out.size() - 1).equals(".."))) {
                out.add(comp);
            } else if (!out.isEmpty()) {
                out.remove(out.size() - 1);
            }
        }
        String joined = String.join("/", out);
        String r = "/".repeat(initial) + joined;
        return r.isEmpty() ? "." : r;
    }

    static Path resolve(String p, LoadContext ctx) {
        return ctx.cwd().resolve(p);
    }

    /** A directory that exists; returned with {@code ~} expanded but otherwise as written. */
    static String existingDirectory(String v, LoadContext ctx) {
        String nv = expandUser(v, ctx);
        if (Files.isDirectory(resolve(nv, ctx))) {
            return nv;
        }
        throw new IllegalArgumentException(v + " is not an existing directory");
    }

    /** A file path whose directory exists (a bare file name is always fine). */
    static String existingDirpath(String v, LoadContext ctx) {
        String nv = expandUser(v, ctx);
        int slash = nv.lastIndexOf('/');
        if (slash < 0) {
            return nv;
        }
        String dir = nv.substring(0, slash);
        if (dir.isEmpty() || Files.isDirectory(resolve(dir.replaceAll("/+$", "").isEmpty() ? "/" : dir, ctx))) {
            return nv;
        }
        throw new IllegalArgumentException("The directory named as part of the path " + v + " does not exist");
    }

    static int nameToUid(String name, UserDatabase users) {
        Optional<BigInteger> n;
        try {
            n = Optional.of(PyText.parseInt(name, 10));
        } catch (NumberFormatException e) {
            n = Optional.empty();
        }
        if (n.isPresent()) {
            if (n.get().bitLength() < 32 && users.userById(n.get().intValue()).isPresent()) {
                return n.get().intValue();
            }
            throw new IllegalArgumentException("Invalid user id " + name);
        }
        return users.userByName(name).map(UserDatabase.User::uid)
                .orElseThrow(() -> new IllegalArgumentException("Invalid user name " + name));
    }

    static int nameToGid(String name, UserDatabase users) {
        Optional<BigInteger> n;
        try {
            n = Optional.of(PyText.parseInt(name, 10));
        } catch (NumberFormatException e) {
            n = Optional.empty();
        }
        if (n.isPresent()) {
            if (n.get().bitLength() < 32 && users.groupIdExists(n.get().intValue())) {
                return n.get().intValue();
            }
            throw new IllegalArgumentException("Invalid group id " + name);
        }
        return users.groupIdByName(name).orElseThrow(() -> new IllegalArgumentException("Invalid group name " + name));
    }

    /** {@code user} or {@code user:group} to (uid, gid), gid -1 when absent. */
    static int[] userGroup(String arg, UserDatabase users) {
        try {
            int colon = arg.indexOf(':');
            if (colon < 0) {
                return new int[] {nameToUid(arg, users), -1};
            }
            return new int[] {nameToUid(arg.substring(0, colon), users), nameToGid(arg.substring(colon + 1), users)};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid user:group definition " + arg);
        }
    }
}
