package org.jsupervisor.common.config;

/**
 * A configuration that Supervisor would refuse. The message is the one line a user sees;
 * it names the file, and the section and key where they are known.
 */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
