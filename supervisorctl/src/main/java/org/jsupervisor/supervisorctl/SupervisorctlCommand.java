package org.jsupervisor.supervisorctl;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options every supervisorctl run shares (Supervisor's {@code ClientOptions}), then the
 * action and its arguments. Options stop at the first word that is not one, as with getopt:
 * {@code supervisorctl status -c x} asks for the status of {@code -c} and {@code x}.
 */
@Command(name = "supervisorctl")
public final class SupervisorctlCommand {
    @Option(names = {"-c", "--configuration"})
    String configuration;

    @Option(names = {"-i", "--interactive"})
    boolean interactive;

    @Option(names = {"-s", "--serverurl"})
    String serverUrl;

    @Option(names = {"-u", "--username"})
    String username;

    @Option(names = {"-p", "--password"})
    String password;

    // Supervisor's getopt spelling is --history_file; its usage text says --history-file.
    @Option(names = {"-r", "--history_file", "--history-file"})
    String historyFile;

    @Option(names = {"-h", "-?", "--help"})
    boolean help;

    @Parameters(arity = "0..*")
    List<String> action = new ArrayList<>();
}
