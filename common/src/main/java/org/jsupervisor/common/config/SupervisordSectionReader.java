package org.jsupervisor.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code [supervisord]} section, with Supervisor's defaults and checks. */
final class SupervisordSectionReader {
    private static final String S = "supervisord";
    private final SectionReader r;
    private final String here;
    private final Map<String, Object> hereOnly;

    SupervisordSectionReader(SectionReader r, String here) {
        this.r = r;
        this.here = here;
        this.hereOnly = Map.of("here", here);
    }

    SupervisordSection read() throws ConfigException {
        LoadContext ctx = r.ctx;
        int minfds = r.convert(S, "minfds", get("minfds", "1024"), Values::integer);
        int minprocs = r.convert(S, "minprocs", get("minprocs", "200"), Values::integer);
        String directory = get("directory", null);
        if (directory != null) {
            directory = r.convert(S, "directory", directory, v -> Values.existingDirectory(v, ctx));
        }
        String user = get("user", null);
        int umask = r.convert(S, "umask", get("umask", "022"), Values::octal);
        String logfile = r.convert(S, "logfile", get("logfile", "supervisord.log"),
                v -> Values.existingDirpath(v, ctx));
        long maxbytes = r.convert(S, "logfile_maxbytes", get("logfile_maxbytes", "50MB"), Values::byteSize);
        int backups = r.convert(S, "logfile_backups", get("logfile_backups", "10"), Values::integer);
        LogLevel level = r.convert(S, "loglevel", get("loglevel", "info"), Values::logLevel);
        String pidfile = r.convert(S, "pidfile", get("pidfile", "supervisord.pid"),
                v -> Values.existingDirpath(v, ctx));
        String identifier = get("identifier", "supervisor");
        boolean nodaemon = r.convert(S, "nodaemon", get("nodaemon", "false"), Values::bool);
        boolean silent = r.convert(S, "silent", get("silent", "false"), Values::bool);
        String childlogdir = r.convert(S, "childlogdir", get("childlogdir", tempdir(ctx)),
                v -> Values.existingDirectory(v, ctx));
        boolean nocleanup = r.convert(S, "nocleanup", get("nocleanup", "false"), Values::bool);
        boolean stripAnsi = r.convert(S, "strip_ansi", get("strip_ansi", "false"), Values::bool);
        // expanded twice, as Supervisor does: once as any value, once more with host_node_name
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("here", here);
        names.put("host_node_name", ctx.hostname());
        names.putAll(r.envExpansions);
        String envText = r.expand(get("environment", ""), names, S, "environment");
        Map<String, String> environment = r.convert(S, "environment", envText, KeyValueLexer::pairs);
        environment.forEach((k, v) -> r.envExpansions.put("ENV_" + k, v));
        String logPath = logfile.equals("syslog") ? logfile : Values.normalizePath(logfile, ctx);
        // Supervisor keeps childlogdir and directory as written and uses them relative to its
        // working directory; a JVM cannot change directory, so we resolve them now.
        return new SupervisordSection(logPath, maxbytes, backups, level, Values.normalizePath(pidfile, ctx), umask,
                nodaemon, silent, minfds, minprocs, nocleanup, Values.normalizePath(childlogdir, ctx),
                Optional.ofNullable(user), Optional.ofNullable(directory).map(d -> Values.normalizePath(d, ctx)),
                stripAnsi, environment, identifier);
    }

    /** Supervisor checks the daemon's user last, after every other section has been read. */
    static void checkUser(SectionReader r, SupervisordSection section) throws ConfigException {
        if (section.user().isPresent()) {
            r.convert(S, "user", section.user().get(), u -> Values.nameToUid(u, r.ctx.users()));
        }
    }

    private String get(String key, String dflt) throws ConfigException {
        return r.get(S, key, dflt, hereOnly);
    }

    /** Python's tempfile.gettempdir(): TMPDIR, TEMP, TMP if they name a directory, else /tmp. */
    static String tempdir(LoadContext ctx) {
        for (String var : new String[] {"TMPDIR", "TEMP", "TMP"}) {
            String v = ctx.environment().get(var);
            if (v != null && !v.isEmpty() && java.nio.file.Files.isDirectory(ctx.cwd().resolve(v))) {
                return Values.normalizePath(v, ctx);
            }
        }
        return "/tmp";
    }
}
