package org.jsupervisor.supervisord.logging;

import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;

/** Child output to syslog, one message per line prefixed with the process name, as Supervisor sends it. */
final class Syslog {
    private static final int LOG_INFO = 6;

    static {
        Native.register(Syslog.class, "c");
    }

    private Syslog() {
    }

    private static native void syslog(int priority, String format, String arg);

    static void lines(String processName, byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        while (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        for (String line : text.split("\n", -1)) {
            syslog(LOG_INFO, "%s", processName + " " + line);
        }
    }
}
