package org.jsupervisor.supervisord.engine;

import org.jsupervisor.common.config.ConfigException;
import org.jsupervisor.common.config.SupervisorConfig;

/** Reads the configuration file again (for reloadConfig and restarts). */
@FunctionalInterface
public interface ConfigSource {
    SupervisorConfig load() throws ConfigException;
}
