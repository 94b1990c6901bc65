package org.jsupervisor.webui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A page with {@code {{name}}} holes, split once and filled in one pass, so a value that
 * happens to contain {@code {{rows}}} (a process name, a line of output) is never taken for
 * a hole. Values are inserted as given: escape them first. Immutable.
 */
final class Template {
    private final List<String> literals = new ArrayList<>();
    private final List<String> holes = new ArrayList<>();

    Template(String text) {
        int at = 0;
        while (true) {
            int open = text.indexOf("{{", at);
            int close = open < 0 ? -1 : text.indexOf("}}", open + 2);
            if (close < 0) {
                literals.add(text.substring(at));
                return;
            }
            literals.add(text.substring(at, open));
            holes.add(text.substring(open + 2, close));
            at = close + 2;
        }
    }

    /** The page with every hole replaced; a hole without a value is an error in this jar. */
    String fill(Map<String, String> values) {
        StringBuilder b = new StringBuilder(4096);
        for (int i = 0; i < holes.size(); i++) {
            b.append(literals.get(i));
            String v = values.get(holes.get(i));
            if (v == null) {
                throw new IllegalArgumentException("no value for {{" + holes.get(i) + "}}");
            }
            b.append(v);
        }
        b.append(literals.get(holes.size()));
        return b.toString();
    }
}
