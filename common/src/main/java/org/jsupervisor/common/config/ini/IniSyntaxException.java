package org.jsupervisor.common.config.ini;

/** A file that Python's configparser would refuse to read. The message is one line. */
public class IniSyntaxException extends Exception {
    public IniSyntaxException(String message) {
        super(message);
    }
}
