package org.jsupervisor.webui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jsupervisor.webui.StatusSource.ProcessRow;

/**
 * The server-rendered parts of the pages: the status table's rows and summary, and the tail
 * page's links. Markup follows what {@code status.js} builds (same classes, so the page does
 * not jump when the script takes over) plus Supervisor's {@code statusrunning},
 * {@code statuserror} and {@code statusnominal} classes on the state, which scrapers grep for.
 * Rows carry {@code data-static}: the script removes them when it draws its own. Every value
 * goes through {@link Html#escape}. Stateless.
 */
final class ServerPages {
    private ServerPages() {
    }

    /** Supervisor's class for the state cell: RUNNING, FATAL/BACKOFF, or anything else. */
    static String supervisorClass(String statename) {
        return switch (statename) {
            case "RUNNING" -> "statusrunning";
            case "FATAL", "BACKOFF" -> "statuserror";
            default -> "statusnominal";
        };
    }

    /** The badge colour class; the same mapping as {@code stateClass} in status.js. */
    static String badgeClass(String statename) {
        return switch (statename) {
            case "RUNNING" -> "state-running";
            case "STARTING", "STOPPING" -> "state-transition";
            case "BACKOFF", "FATAL" -> "state-error";
            case "EXITED" -> "state-exited";
            case "UNKNOWN" -> "state-unknown";
            default -> "state-stopped";
        };
    }

    /** One {@code <tbody>} per group, one line per process (so {@code grep} shows a whole row). */
    static String rows(List<ProcessRow> rows) {
        Map<String, List<ProcessRow>> byGroup = new LinkedHashMap<>();
        for (ProcessRow r : rows) {
            byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        StringBuilder b = new StringBuilder(256 * rows.size() + 64);
        for (Map.Entry<String, List<ProcessRow>> e : byGroup.entrySet()) {
            String group = Html.escape(e.getKey());
            List<ProcessRow> members = e.getValue();
            b.append("<tbody class=\"group\" data-static=\"\" data-group=\"").append(group).append("\">\n");
            // A group of one process named like the group is Supervisor's default: no header.
            if (!(members.size() == 1 && members.get(0).name().equals(e.getKey()))) {
                b.append("<tr class=\"group-row\"><th colspan=\"4\" scope=\"rowgroup\"><span class=\"group-name\">")
                        .append(group).append("</span></th></tr>\n");
            }
            for (ProcessRow r : members) {
                row(b, r);
            }
            b.append("</tbody>\n");
        }
        return b.toString();
    }

    private static void row(StringBuilder b, ProcessRow r) {
        String ns = r.namespec();
        String nsHtml = Html.escape(ns);
        String tail = "tail.html?processname=" + Html.queryValue(ns);
        String state = r.statename();
        b.append("<tr class=\"process\" data-ns=\"").append(nsHtml)
                .append("\" data-state=\"").append(Html.escape(state)).append("\">")
                .append("<td class=\"state\"><span class=\"badge ").append(badgeClass(state)).append(' ')
                .append(supervisorClass(state)).append("\">").append(Html.escape(state.toLowerCase(Locale.ROOT)))
                .append("</span></td>")
                .append("<td class=\"desc\">").append(Html.escape(r.description())).append("</td>")
                .append("<td class=\"name\"><a href=\"").append(Html.escape(tail))
                .append("\" target=\"_blank\" rel=\"noopener\">").append(nsHtml).append("</a></td>")
                .append("<td class=\"actions\"><a class=\"btn\" href=\"").append(Html.escape(tail))
                .append("\">Tail stdout</a> <a class=\"btn\" href=\"").append(Html.escape(tail + "&channel=stderr"))
                .append("\">Tail stderr</a></td></tr>\n");
    }

    /** {@code 9 processes: 7 running, 1 fatal, 1 stopped}, worded as status.js words it. */
    static String summary(List<ProcessRow> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ProcessRow r : rows) {
            counts.merge(r.statename(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        b.append(rows.size()).append(rows.size() == 1 ? " process" : " processes");
        String sep = ": ";
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            b.append(sep).append(c.getValue()).append(' ').append(c.getKey().toLowerCase(Locale.ROOT));
            sep = ", ";
        }
        return Html.escape(b.toString());
    }
}
