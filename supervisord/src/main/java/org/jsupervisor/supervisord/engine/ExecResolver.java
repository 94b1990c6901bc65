package org.jsupervisor.supervisord.engine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.jsupervisor.common.PyRepr;

/**
 * Turns a command line into the file to execute and its argv, as Supervisor does before
 * every spawn (and before {@code startProcess}): split, then look the program up on PATH
 * when it has no slash, then check it exists and may be executed.
 */
public final class ExecResolver {
    private static final List<String> DEFAULT_PATH = List.of("/bin", "/usr/bin", "/usr/local/bin");

    private ExecResolver() {
    }

    /** Why a command cannot be run; {@link #notFound} maps to NO_FILE, the rest to NOT_EXECUTABLE. */
    public static final class ExecException extends Exception {
        private final boolean notFound;

        ExecException(String message, boolean notFound) {
            super(message, null, false, false);
            this.notFound = notFound;
        }

        public boolean notFound() {
            return notFound;
        }
    }

    /** The resolved program. */
    public record Resolved(String filename, List<String> argv) {
    }

    /**
     * @param pathVar the PATH the child will see (program environment first, then ours);
     *                null or empty means Supervisor's default
     */
    public static Resolved resolve(String command, String pathVar) throws ExecException {
        List<String> argv;
        try {
            argv = CommandLine.split(command);
        } catch (CommandLine.ParseException e) {
            throw new ExecException("can't parse command " + PyRepr.of(command) + ": " + e.getMessage(),
                    false);
        }
        if (argv.isEmpty()) {
            throw new ExecException("command is empty", false);
        }
        String program = argv.get(0);
        String filename = program;
        boolean exists;
        if (program.contains("/")) {
            exists = Files.exists(Path.of(program));
        } else {
            List<String> dirs = pathVar == null ? DEFAULT_PATH : List.of(pathVar.split(File.pathSeparator, -1));
            exists = false;
            for (String dir : dirs) {
                Path cand = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
                if (Files.exists(cand)) {
                    filename = dir.isEmpty() ? program : dir + "/" + program;
                    if (dir.endsWith("/")) {
                        filename = dir + program;
                    }
                    exists = true;
                    break;
                }
            }
        }
        String shown = PyRepr.of(filename);
        if (!exists) {
            throw new ExecException("can't find command " + shown, true);
        }
        Path p = Path.of(filename);
        if (Files.isDirectory(p)) {
            throw new ExecException("command at " + shown + " is a directory", false);
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OWNER_EXECUTE) && !perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    && !perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new ExecException("command at " + shown + " is not executable", false);
            }
        } catch (java.io.IOException e) {
            throw new ExecException("can't find command " + shown, true);
        }
        if (!Files.isExecutable(p)) {
            throw new ExecException("no permission to run command " + shown, false);
        }
        return new Resolved(filename, argv);
    }
}
