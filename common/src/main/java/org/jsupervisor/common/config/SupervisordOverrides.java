package org.jsupervisor.common.config;

import java.util.Optional;

/**
 * Values given on supervisord's command line, as the user typed them. Each one replaces the
 * {@code [supervisord]} key of the same name, as in Supervisor: the file is still read and
 * checked in full, the command-line value is checked with the same rules first (a bad one is
 * refused before the file is read), and the daemon's user is checked only in its final form.
 * Detecting an option given twice is the command-line parser's job.
 *
 * @param user            {@code -u/--user}
 * @param umask           {@code -m/--umask}
 * @param directory       {@code -d/--directory}
 * @param logfile         {@code -l/--logfile}
 * @param logfileMaxbytes {@code -y/--logfile_maxbytes}
 * @param logfileBackups  {@code -z/--logfile_backups}
 * @param loglevel        {@code -e/--loglevel}
 * @param pidfile         {@code -j/--pidfile}
 * @param identifier      {@code -i/--identifier}
 * @param childlogdir     {@code -q/--childlogdir}
 * @param minfds          {@code -a/--minfds}
 * @param minprocs        {@code --minprocs}
 * @param nodaemon        {@code -n/--nodaemon}
 * @param silent          {@code -s/--silent}
 * @param nocleanup       {@code -k/--nocleanup}
 * @param stripAnsi       {@code -t/--strip_ansi}
 */
public record SupervisordOverrides(
        Optional<String> user,
        Optional<String> umask,
        Optional<String> directory,
        Optional<String> logfile,
        Optional<String> logfileMaxbytes,
        Optional<String> logfileBackups,
        Optional<String> loglevel,
        Optional<String> pidfile,
        Optional<String> identifier,
        Optional<String> childlogdir,
        Optional<String> minfds,
        Optional<String> minprocs,
        boolean nodaemon,
        boolean silent,
        boolean nocleanup,
        boolean stripAnsi) {

    /** No command-line values: the file decides everything. */
    public static SupervisordOverrides none() {
        Optional<String> e = Optional.empty();
        return new SupervisordOverrides(e, e, e, e, e, e, e, e, e, e, e, e, false, false, false, false);
    }

    /** Checks every value as Supervisor's option handlers do and applies them to the section. */
    SupervisordSection apply(SupervisordSection s, LoadContext ctx) throws ConfigException {
        return new SupervisordSection(
                logfile.isPresent() ? logPath(check("--logfile", logfile, v -> Values.existingDirpath(v, ctx)), ctx)
                        : s.logfile(),
                logfileMaxbytes.isPresent() ? check("--logfile_maxbytes", logfileMaxbytes, Values::byteSize)
                        : s.logfileMaxbytes(),
                logfileBackups.isPresent() ? check("--logfile_backups", logfileBackups, Values::integer)
                        : s.logfileBackups(),
                loglevel.isPresent() ? check("--loglevel", loglevel, Values::logLevel) : s.loglevel(),
                pidfile.isPresent()
                        ? Values.normalizePath(check("--pidfile", pidfile, v -> Values.existingDirpath(v, ctx)), ctx)
                        : s.pidfile(),
                umask.isPresent() ? check("--umask", umask, Values::octal) : s.umask(),
                nodaemon || s.nodaemon(),
                silent || s.silent(),
                minfds.isPresent() ? check("--minfds", minfds, Values::integer) : s.minfds(),
                minprocs.isPresent() ? check("--minprocs", minprocs, Values::integer) : s.minprocs(),
                nocleanup || s.nocleanup(),
                childlogdir.isPresent() ? Values.normalizePath(
                        check("--childlogdir", childlogdir, v -> Values.existingDirectory(v, ctx)), ctx)
                        : s.childlogdir(),
                user.isPresent() ? user : s.user(),
                directory.isPresent()
                        ? Optional.of(Values.normalizePath(
                                check("--directory", directory, v -> Values.existingDirectory(v, ctx)), ctx))
                        : s.directory(),
                stripAnsi || s.stripAnsi(),
                s.environment(),
                identifier.orElse(s.identifier()));
    }

    /** Runs the checks alone, before the file is read, as Supervisor's getopt handlers do. */
    void check(LoadContext ctx) throws ConfigException {
        apply(new SupervisordSection("x", 0, 0, LogLevel.INFO, "/x", 0, false, false, 0, 0, false, "/", Optional.empty(),
                Optional.empty(), false, java.util.Map.of(), "x"), ctx);
    }

    private static String logPath(String v, LoadContext ctx) {
        return v.equals("syslog") ? v : Values.normalizePath(v, ctx);
    }

    private static <T> T check(String option, Optional<String> value, SectionReader.Conversion<T> conv)
            throws ConfigException {
        try {
            return conv.apply(value.orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid value for " + option + " "
                    + org.jsupervisor.common.config.ini.PyText.repr(value.get()) + ": " + e.getMessage());
        }
    }
}
