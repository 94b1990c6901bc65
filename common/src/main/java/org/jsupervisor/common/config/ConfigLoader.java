package org.jsupervisor.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads Supervisor configuration files. The entry points others call:
 * <ul>
 *   <li>{@link #load(Path)} / {@link #load(Path, LoadContext)}: the whole file as supervisord
 *       reads it (includes, every section, expansions, checks);</li>
 *   <li>{@link #loadClient(Path)}: the {@code [supervisorctl]} settings as supervisorctl reads
 *       them; {@link #clientDefaults()} when there is no file;</li>
 *   <li>{@link #defaultSearchPaths} / {@link #findDefaultConfig}: where the file is looked for
 *       when {@code -c} is not given.</li>
 * </ul>
 * Every refusal is a {@link ConfigException} whose message is one line naming the file, and
 * the section and key when known. Stateless and thread-safe.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Loads with this process's environment, host name, working directory and uid. */
    public static SupervisorConfig load(Path file) throws ConfigException {
        return load(file, LoadContext.system());
    }

    public static SupervisorConfig load(Path file, LoadContext ctx) throws ConfigException {
        return load(file, ctx, SupervisordOverrides.none());
    }

    /**
     * As supervisord does with command-line options: they are checked first, the file is read
     * and checked in full, then each given option replaces the file's value.
     */
    public static SupervisorConfig load(Path file, LoadContext ctx, SupervisordOverrides overrides)
            throws ConfigException {
        return new ServerConfigReader(ctx, overrides).read(file);
    }

    /**
     * supervisorctl's check of {@code -s/--serverurl}: a URL with a scheme and a host or
     * path. Returns the value unchanged.
     */
    public static String checkServerUrl(String value) throws ConfigException {
        try {
            java.net.URI u = new java.net.URI(value);
            boolean hasPlace = (u.getRawAuthority() != null && !u.getRawAuthority().isEmpty())
                    || (u.getRawPath() != null && !u.getRawPath().isEmpty())
                    || (u.getRawSchemeSpecificPart() != null && !u.getRawSchemeSpecificPart().isEmpty());
            if (u.getScheme() != null && hasPlace) {
                return value;
            }
        } catch (java.net.URISyntaxException e) {
            // fall through
        }
        throw new ConfigException("invalid value for --serverurl "
                + org.jsupervisor.common.config.ini.PyText.repr(value) + ": value "
                + org.jsupervisor.common.config.ini.PyText.repr(value) + " is not a URL");
    }

    /** supervisorctl's view of a file; refuses a file without {@code [supervisorctl]}, as Supervisor does. */
    public static SupervisorctlSection loadClient(Path file) throws ConfigException {
        return loadClient(file, LoadContext.system());
    }

    public static SupervisorctlSection loadClient(Path file, LoadContext ctx) throws ConfigException {
        Path abs = ctx.cwd().resolve(file);
        return new ClientConfigReader(ctx).read(abs, file.toString());
    }

    /** supervisorctl's settings when no configuration file is found. */
    public static SupervisorctlSection clientDefaults() {
        return ClientConfigReader.defaults();
    }

    /**
     * Supervisor's search order without {@code -c}: {@code ../etc/supervisord.conf} and
     * {@code ../supervisord.conf} relative to the directory holding the program, then
     * {@code supervisord.conf} and {@code etc/supervisord.conf} in the working directory, then
     * {@code /etc/supervisord.conf} and {@code /etc/supervisor/supervisord.conf}.
     *
     * @param executableDir the directory of the launcher ({@code bin/}), as Supervisor uses
     *                      the directory of {@code sys.argv[0]}
     * @param cwd           the working directory
     */
    public static List<Path> defaultSearchPaths(Path executableDir, Path cwd) {
        Path home = executableDir.toAbsolutePath().normalize().getParent();
        if (home == null) {
            home = Path.of("/");
        }
        return List.of(home.resolve("etc/supervisord.conf"), home.resolve("supervisord.conf"),
                cwd.resolve("supervisord.conf"), cwd.resolve("etc/supervisord.conf"),
                Path.of("/etc/supervisord.conf"), Path.of("/etc/supervisor/supervisord.conf"));
    }

    /** The first of {@link #defaultSearchPaths} that exists. */
    public static Optional<Path> findDefaultConfig(Path executableDir, Path cwd) {
        return defaultSearchPaths(executableDir, cwd).stream().filter(Files::exists).findFirst();
    }

    /** Supervisor's message when no file is found (supervisord exits 2 with it). */
    public static String noConfigFoundMessage(Path executableDir, Path cwd) {
        return "No config file found at default paths (" + String.join(", ",
                defaultSearchPaths(executableDir, cwd).stream().map(Path::toString).toList())
                + "); use the -c option to specify a config file at a different path";
    }
}
