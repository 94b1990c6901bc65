package org.jsupervisor.supervisord.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsupervisor.common.PyRepr;
import org.jsupervisor.common.config.LogLevel;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.common.config.SupervisordSection;
import org.jsupervisor.supervisord.engine.CommandLine;

/**
 * supervisord's command line: the same flags as Supervisor's, each overriding its
 * {@code [supervisord]} key. Immutable once parsed.
 */
final class ServerOptions {
    private static final List<String> LONGS = List.of("help", "configuration", "version", "nodaemon", "user",
            "umask", "directory", "logfile", "logfile_maxbytes", "logfile_backups", "loglevel", "pidfile",
            "identifier", "childlogdir", "minfds", "minprocs", "nocleanup", "strip_ansi", "profile_options", "silent");
    private static final Set<String> VALUED = Set.of("configuration", "user", "umask", "directory", "logfile",
            "logfile_maxbytes", "logfile_backups", "loglevel", "pidfile", "identifier", "childlogdir", "minfds",
            "minprocs", "profile_options");
    private static final Map<Character, String> SHORTS = new HashMap<>();

    static {
        String[][] pairs = {{"h", "help"}, {"?", "help"}, {"c", "configuration"}, {"v", "version"},
            {"n", "nodaemon"}, {"u", "user"}, {"m", "umask"}, {"d", "directory"}, {"l", "logfile"},
            {"y", "logfile_maxbytes"}, {"z", "logfile_backups"}, {"e", "loglevel"}, {"j", "pidfile"},
            {"i", "identifier"}, {"q", "childlogdir"}, {"a", "minfds"}, {"k", "nocleanup"}, {"t", "strip_ansi"},
            {"s", "silent"}};
        for (String[] p : pairs) {
            SHORTS.put(p[0].charAt(0), p[1]);
        }
    }

    /** A command line Supervisor would refuse; the message follows {@code Error: }. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    boolean help;
    boolean version;
    Path configFile;
    boolean nodaemon;
    boolean silent;
    boolean nocleanup;
    boolean stripAnsi;
    String user;
    Integer umask;
    String directory;
    String logfile;
    Long logfileMaxbytes;
    Integer logfileBackups;
    LogLevel loglevel;
    String pidfile;
    String identifier;
    String childlogdir;
    Integer minfds;
    Integer minprocs;

    static ServerOptions parse(String[] args, Path cwd) throws UsageException {
        ServerOptions o = new ServerOptions();
        List<String> positional = new ArrayList<>();
        List<Getopt.Opt> opts;
        try {
            opts = Getopt.parse(args, SHORTS, LONGS, VALUED, positional);
        } catch (Getopt.GetoptException e) {
            throw new UsageException(e.getMessage());
        }
        if (!positional.isEmpty()) {
            throw new UsageException("positional arguments are not supported: " + pyList(positional));
        }
        Set<String> seen = new java.util.HashSet<>();
        for (Getopt.Opt opt : opts) {
            String v = opt.value();
            String n = opt.longName();
            if (v != null && !seen.add(n)) {
                throw new UsageException("conflicting command line option " + PyRepr.of(opt.shown()));
            }
            try {
                switch (n) {
                    // Like Supervisor's handlers, the first of -h/-v answers at once: options after it
                    // are neither applied nor checked.
                    case "help" -> {
                        o.help = true;
                        return o;
                    }
                    case "version" -> {
                        o.version = true;
                        return o;
                    }
                    case "configuration" -> o.configFile = cwd.resolve(expandUser(v)).normalize();
                    case "nodaemon" -> o.nodaemon = true;
                    case "silent" -> o.silent = true;
                    case "nocleanup" -> o.nocleanup = true;
                    case "strip_ansi" -> o.stripAnsi = true;
                    case "user" -> o.user = v;
                    case "umask" -> o.umask = octal(v);
                    case "directory" -> o.directory = existingDirectory(v);
                    case "logfile" -> o.logfile = existingDirpath(v, cwd);
                    case "logfile_maxbytes" -> o.logfileMaxbytes = byteSize(v);
                    case "logfile_backups" -> o.logfileBackups = integer(v);
                    case "loglevel" -> o.loglevel = LogLevel.parse(v)
                            .orElseThrow(() -> new IllegalArgumentException("bad logging level name " + PyRepr.of(v)));
                    case "pidfile" -> o.pidfile = existingDirpath(v, cwd);
                    case "identifier" -> o.identifier = v;
                    case "childlogdir" -> o.childlogdir = existingDirectory(v);
                    case "minfds" -> o.minfds = integer(v);
                    case "minprocs" -> o.minprocs = integer(v);
                    case "profile_options" -> {
                        // accepted for compatibility; there is no Python profiler to run
                    }
                    default -> throw new UsageException("option " + opt.shown() + " not recognized");
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid value for " + opt.shown() + " " + PyRepr.of(v) + ": "
                        + e.getMessage());
            }
        }
        return o;
    }

    /** The configuration with the command line's overrides applied. */
    SupervisorConfig apply(SupervisorConfig c) {
        SupervisordSection s = c.supervisord();
        SupervisordSection t = new SupervisordSection(
                logfile != null && !"syslog".equals(logfile) ? Path.of(logfile).toAbsolutePath().toString()
                        : logfile != null ? logfile : s.logfile(),
                logfileMaxbytes != null ? logfileMaxbytes : s.logfileMaxbytes(),
                logfileBackups != null ? logfileBackups : s.logfileBackups(),
                loglevel != null ? loglevel : s.loglevel(),
                pidfile != null ? Path.of(pidfile).toAbsolutePath().toString() : s.pidfile(),
                umask != null ? umask : s.umask(),
                nodaemon || s.nodaemon(),
                silent || s.silent(),
                minfds != null ? minfds : s.minfds(),
                minprocs != null ? minprocs : s.minprocs(),
                nocleanup || s.nocleanup(),
                childlogdir != null ? childlogdir : s.childlogdir(),
                user != null ? Optional.of(user) : s.user(),
                directory != null ? Optional.of(directory) : s.directory(),
                stripAnsi || s.stripAnsi(),
                s.environment(),
                identifier != null ? identifier : s.identifier());
        return new SupervisorConfig(c.file(), t, c.unixHttpServer(), c.inetHttpServer(), c.supervisorctl(),
                c.rpcInterfaces(), c.groups(), c.httpServers(), c.parseWarnings(), c.parseInfos());
    }

    private static String expandUser(String v) {
        if (v.equals("~") || v.startsWith("~/")) {
            String home = System.getProperty("user.home");
            return home + v.substring(1);
        }
        return v;
    }

    static int octal(String v) {
        try {
            return Integer.parseInt(v, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(v + " can not be converted to an octal type");
        }
    }

    static int integer(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid literal for int() with base 10: " + PyRepr.of(v));
        }
    }

    static long byteSize(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("kb")) {
            mult = 1024;
        } else if (t.endsWith("mb")) {
            mult = 1024L * 1024;
        } else if (t.endsWith("gb")) {
            mult = 1024L * 1024 * 1024;
        }
        String num = mult == 1 ? t : t.substring(0, t.length() - 2);
        try {
            return Long.parseLong(num.trim()) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid literal for int() with base 10: " + PyRepr.of(num));
        }
    }

    private static String existingDirectory(String v) {
        String nv = expandUser(v);
        if (Files.isDirectory(Path.of(nv))) {
            return nv;
        }
        throw new IllegalArgumentException(v + " is not an existing directory");
    }

    private static String existingDirpath(String v, Path cwd) {
        String nv = expandUser(v);
        Path parent = Path.of(nv).getParent();
        if (parent == null || Files.isDirectory(cwd.resolve(parent))) {
            return cwd.resolve(nv).normalize().toString();
        }
        throw new IllegalArgumentException("The directory named as part of the path " + v + " does not exist");
    }

    private static String pyList(List<String> l) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(PyRepr.of(l.get(i)));
        }
        return b.append(']').toString();
    }

    /**
     * The -h text. The first line names the program plainly; the usage line shows the path it was
     * started by ({@code $0} of the launcher), as Supervisor's {@code sys.argv[0]} does.
     */
    static String usage(String progname) {
        return """
                supervisord -- run a set of programs as daemons and keep them running.

                Usage: %s [options]

                Options:
                -c/--configuration FILE -- the configuration file (searched for if not given)
                -n/--nodaemon -- stay in the foreground (like 'nodaemon=true' in the file)
                -s/--silent -- do not copy log lines to stdout (like 'silent=true')
                -h/--help -- show this help and exit
                -v/--version -- show the version of Supervisor this daemon implements and exit
                -u/--user USER -- switch to this user (name or numeric uid) after start
                -m/--umask UMASK -- umask of the daemon and its programs when detached (default 022)
                -d/--directory DIRECTORY -- change to this directory when detached
                -l/--logfile FILE -- the main log file
                -y/--logfile_maxbytes BYTES -- rotate the main log when it reaches this size
                -z/--logfile_backups NUM -- how many rotated main logs to keep
                -e/--loglevel LEVEL -- critical, error, warn, info, debug, trace or blather
                -j/--pidfile FILE -- where to write the daemon's pid
                -i/--identifier STR -- the name of this supervisord instance
                -q/--childlogdir DIRECTORY -- where AUTO child logs are created
                -k/--nocleanup -- keep old AUTO child logs at start-up
                -a/--minfds NUM -- refuse to start unless this many file descriptors can be opened
                -t/--strip_ansi -- remove ANSI escape sequences from child output
                --minprocs NUM -- refuse to start unless this many processes may be created
                --profile_options OPTIONS -- accepted for compatibility and ignored
                """.formatted(progname);
    }
}
