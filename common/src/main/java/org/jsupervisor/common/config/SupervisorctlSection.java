package org.jsupervisor.common.config;

import java.util.Optional;

/** The {@code [supervisorctl]} section. */
public record SupervisorctlSection(
        String serverUrl,
        Optional<String> username,
        Optional<String> password,
        String prompt,
        Optional<String> historyFile) {
}
