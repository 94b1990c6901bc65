package org.jsupervisor.webui;

import java.util.List;
import java.util.Objects;

/**
 * What the daemon tells the web UI when it renders a page on the server: the process table of
 * {@code index.html} and the first text of {@code tail.html}. With it, the pages show their
 * content without JavaScript (text browsers over ssh, {@code curl | grep statuserror}); the
 * pages' scripts then take over and keep it live over XML-RPC.
 *
 * <p>Threading: called on Jetty's request threads, concurrently. Implementations must be
 * thread-safe and quick: take a snapshot, do not wait on a child process. A call that throws
 * costs only the server-rendered part (the page then fills itself by script, as without a
 * source).
 */
public interface StatusSource {

    /**
     * Every active process, in the order the page lists them (group name, then process name,
     * as {@code getAllProcessInfo} answers).
     */
    List<ProcessRow> processes();

    /**
     * The last bytes of a process log, decoded for display.
     *
     * @param namespec {@code name} or {@code group:name}, as given in the tail page's URL
     * @param channel  {@code stdout} or {@code stderr}
     * @param maxBytes how many bytes from the end of the log, at most
     */
    LogExcerpt tail(String namespec, String channel, int maxBytes);

    /**
     * One row of the status table, as {@code getAllProcessInfo} reports it.
     *
     * @param statename   {@code RUNNING}, {@code FATAL}, ... (Supervisor's state names)
     * @param description Supervisor's description: pid and uptime, the exit time, or the error
     */
    record ProcessRow(String group, String name, String statename, String description) {
        public ProcessRow {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(statename, "statename");
            description = description == null ? "" : description;
        }

        /** {@code group:name}, or {@code name} when the group has the process's name. */
        public String namespec() {
            return group.equals(name) ? name : group + ":" + name;
        }
    }

    /**
     * The answer of {@link #tail}: the log text, or why there is none.
     *
     * @param text  the log's last bytes as text; empty when {@code error} is set
     * @param error null, or a message for the reader (Supervisor's wording, e.g.
     *              {@code No file for foo})
     */
    record LogExcerpt(String text, String error) {
        public LogExcerpt {
            text = text == null ? "" : text;
        }

        public static LogExcerpt of(String text) {
            return new LogExcerpt(text, null);
        }

        public static LogExcerpt failed(String error) {
            return new LogExcerpt("", Objects.requireNonNull(error, "error"));
        }
    }
}
