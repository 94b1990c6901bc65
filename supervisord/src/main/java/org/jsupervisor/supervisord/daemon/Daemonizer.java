package org.jsupervisor.supervisord.daemon;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Detaching without fork: a JVM cannot fork itself, so the launching supervisord starts a
 * copy of its own command line under util-linux {@code setsid} (a new session, no
 * controlling terminal), marked by a system property (an environment variable would reach every
 * child), and waits until that copy says
 * it is up (servers bound, pidfile written) on a pipe. Then it exits 0, as a forking daemon's
 * parent does; if the copy fails first, it exits with the copy's status, whose error went
 * to the same stderr.
 */
final class Daemonizer {
    static final String PROPERTY = "jsupervisor.detached";
    static final String READY = "JSUPERVISOR-READY";
    /**
     * {@value}: {@code bin/supervisord} started this JVM itself in a new session, with stdout
     * on a pipe it reads, so no launching JVM is needed (one JVM start-up instead of two). The
     * script learns the outcome from a token line: {@link #READY}, {@link #FOREGROUND} (the
     * configuration says nodaemon: the script runs the command again, attached), or
     * {@link #EXIT} with the exit status after an error was printed on stderr.
     */
    static final String STARTED_BY_SCRIPT = "script";
    static final String FOREGROUND = "JSUPERVISOR-FOREGROUND";
    static final String EXIT = "JSUPERVISOR-EXIT ";

    private Daemonizer() {
    }

    /** True in the detached copy (started by a launching JVM or by the launcher script). */
    static boolean isDetachedCopy() {
        return "1".equals(System.getProperty(PROPERTY)) || startedByScript();
    }

    /** True when {@code bin/supervisord} started this JVM detached and waits for a token. */
    static boolean startedByScript() {
        return STARTED_BY_SCRIPT.equals(System.getProperty(PROPERTY));
    }

    /** Tells the launcher script to run the command again in the foreground. */
    static void reportForeground(PrintStream out) {
        out.println(FOREGROUND);
        out.flush();
    }

    /** Tells the launcher script how this JVM ends (once detached, nobody reads it: harmless). */
    static void reportExit(PrintStream out, int code) {
        out.println(EXIT + code);
        out.flush();
    }

    /** Starts the detached copy and waits for it to be up. Returns the exit code for the launcher. */
    static int launchDetachedCopy(PrintStream err) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> java = info.command();
        Optional<String[]> args = info.arguments();
        if (java.isEmpty() || args.isEmpty()) {
            err.println("Error: cannot find this JVM's command line to detach; use -n");
            return 2;
        }
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(java.get());
        cmd.add("-D" + PROPERTY + "=1"); // a JVM option: before the class path and main class
        cmd.addAll(List.of(args.get()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            err.println("Error: could not detach: " + e.getMessage());
            return 2;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.equals(READY)) {
                    return 0;
                }
            }
            return p.waitFor();
        } catch (IOException e) {
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** In the detached copy: tells the launcher we are up. */
    static void reportReady() {
        System.out.println(READY);
        System.out.flush();
    }
}
