package org.jsupervisor.supervisorctl.command;

import java.util.ArrayList;
import java.util.List;

import org.jsupervisor.supervisorctl.Controller;

import picocli.CommandLine.Command;

@Command(name = "help", description = {
        "help\t\tList the available actions",
        "help <action>\tExplain one action"})
public final class HelpCommand extends CtlCommand {
    private static final String HEADER = "default commands (type help <topic>):";

    @Override
    public boolean run(Controller ctl) {
        String topic = rawArgs.strip();
        if (topic.equals("help")) {
            printHelp(ctl);
        } else if (!topic.isEmpty()) {
            CtlCommand c = Commands.LISTED.contains(topic) ? Commands.create(topic) : null;
            if (c == null) {
                ctl.output("*** No help on " + topic);
            } else {
                c.printHelp(ctl);
            }
        } else {
            ctl.output("");
            StringBuilder b = new StringBuilder();
            b.append(HEADER).append('\n').append("=".repeat(HEADER.length())).append('\n');
            for (String row : columnize(Commands.LISTED, 79)) {
                b.append(row).append('\n');
            }
            ctl.output(b.toString());
        }
        return false;
    }

    /**
     * Lays words out in columns, filled top to bottom, using as few rows as fit in
     * {@code width}; columns are separated by two spaces and padded to their widest word
     * (Python's {@code cmd.Cmd.columnize}, whose layout users see).
     */
    static List<String> columnize(List<String> words, int width) {
        int size = words.size();
        List<String> rows = new ArrayList<>();
        if (size == 0) {
            rows.add("<empty>");
            return rows;
        }
        int nrows = 1;
        int[] colWidths = null;
        for (; nrows < size; nrows++) {
            int ncols = (size + nrows - 1) / nrows;
            int[] widths = new int[ncols];
            int total = -2;
            for (int col = 0; col < ncols; col++) {
                int w = 0;
                for (int row = 0; row < nrows; row++) {
                    int i = row + nrows * col;
                    if (i < size) {
                        w = Math.max(w, words.get(i).length());
                    }
                }
                widths[col] = w;
                total += w + 2;
                if (total > width) {
                    break;
                }
            }
            if (total <= width) {
                colWidths = widths;
                break;
            }
        }
        if (colWidths == null) {
            nrows = size;
            colWidths = new int[] {words.stream().mapToInt(String::length).max().orElse(0)};
        }
        for (int row = 0; row < nrows; row++) {
            List<String> texts = new ArrayList<>();
            for (int col = 0; col < colWidths.length; col++) {
                int i = row + nrows * col;
                texts.add(i < size ? words.get(i) : "");
            }
            while (!texts.isEmpty() && texts.get(texts.size() - 1).isEmpty()) {
                texts.remove(texts.size() - 1);
            }
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < texts.size(); col++) {
                if (col > 0) {
                    line.append("  ");
                }
                line.append(StatusCommand.pad(texts.get(col), colWidths[col]));
            }
            rows.add(line.toString());
        }
        return rows;
    }
}
