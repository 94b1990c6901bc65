package org.jsupervisor.supervisorctl.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.command.Commands;
import org.jsupervisor.supervisorctl.server.ServerException;

/**
 * Completes the first word to an action, then, depending on the action, group names
 * ({@code add}, {@code remove}, {@code update}), process names ({@code start},
 * {@code status}, ...), or action names ({@code help}). Process names are offered as
 * {@code group:name} and {@code group:*}, or bare for a process alone in its same-named group.
 * The server's process list is fetched once per command line, not on every Tab.
 */
final class NameCompleter implements Completer {
    private static final Set<String> GROUP_ACTIONS = Set.of("add", "remove", "update");
    private static final Set<String> PROCESS_ACTIONS = Set.of("clear", "fg", "pid", "restart",
            "signal", "start", "status", "stop", "tail");

    private final Controller ctl;
    private List<Map<String, Object>> infos;

    NameCompleter(Controller ctl) {
        this.ctl = ctl;
    }

    /** Drops the cached process list (called after each command, which may change it). */
    void forget() {
        infos = null;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        if (line.wordIndex() == 0) {
            for (String a : Commands.COMPLETABLE) {
                candidates.add(new Candidate(a));
            }
            return;
        }
        String action = words.get(0);
        String word = line.word();
        if (action.equals("help")) {
            for (String a : Commands.COMPLETABLE) {
                candidates.add(new Candidate(a));
            }
        } else if (GROUP_ACTIONS.contains(action)) {
            for (String g : groups()) {
                candidates.add(new Candidate(g));
            }
        } else if (PROCESS_ACTIONS.contains(action)) {
            for (String p : processes(word.contains(":"))) {
                candidates.add(new Candidate(p));
            }
        }
    }

    private List<Map<String, Object>> infos() {
        if (infos == null) {
            try {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> all =
                        (List<Map<String, Object>>) ctl.call("getAllProcessInfo");
                infos = all;
            } catch (ServerException | RuntimeException e) {
                return List.of();
            }
        }
        return infos;
    }

    private Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        for (Map<String, Object> info : infos()) {
            groups.add(String.valueOf(info.get("group")));
        }
        return groups;
    }

    private List<String> processes(boolean qualified) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> info : infos()) {
            String group = String.valueOf(info.get("group"));
            String name = String.valueOf(info.get("name"));
            if (qualified || !group.equals(name)) {
                names.add(group + ":" + name);
                names.add(group + ":*");
            } else {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }
}
