package org.jsupervisor.supervisorctl;

import java.util.Optional;

/**
 * What supervisorctl runs with, after merging the command line over the {@code [supervisorctl]}
 * section over Supervisor's defaults.
 *
 * @param serverUrl   {@code unix:///path} or {@code http://host:port}
 * @param username    basic-auth user, if any
 * @param password    basic-auth password, if any
 * @param prompt      shell prompt, without the trailing {@code "> "}
 * @param historyFile where the shell keeps its history, if anywhere
 * @param interactive {@code -i} given, or no command given
 */
public record ClientSettings(
        String serverUrl,
        Optional<String> username,
        Optional<String> password,
        String prompt,
        Optional<String> historyFile,
        boolean interactive) {

    public static final String DEFAULT_SERVER_URL = "http://localhost:9001";
    public static final String DEFAULT_PROMPT = "supervisor";

    public ClientSettings withServerUrl(String url) {
        return new ClientSettings(url, username, password, prompt, historyFile, interactive);
    }

    public ClientSettings withCredentials(String user, String pass) {
        return new ClientSettings(serverUrl, Optional.of(user), Optional.of(pass), prompt, historyFile,
                interactive);
    }
}
