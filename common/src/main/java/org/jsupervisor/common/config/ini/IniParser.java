package org.jsupervisor.common.config.ini;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads INI text exactly as Python 3.11's {@code RawConfigParser(inline_comment_prefixes=(';',
 * '#'), strict=False)} reads it for Supervisor. We wrote it because ini4j reads the same files
 * differently (see docs/config.md): it keeps inline comments, breaks on continuation lines and
 * rewrites escapes.
 *
 * <p>The rules, in configparser's terms:
 * <ul>
 *   <li>{@code ;} or {@code #} starts a comment at the start of a line (after optional
 *       indentation), or anywhere after a whitespace character;</li>
 *   <li>{@code [name]} opens a section; anything after the last {@code ]} is ignored;</li>
 *   <li>an option is {@code key = value} or {@code key: value}, split at the first {@code =}
 *       or {@code :}; the key is lower-cased, key and value are stripped;</li>
 *   <li>a line indented deeper than its option's line continues the value (joined with a
 *       newline); blank lines inside a value are kept, trailing ones dropped;</li>
 *   <li>lines that are neither are collected and reported together after the whole file is
 *       read; text before the first section header stops the read at once.</li>
 * </ul>
 */
public final class IniParser {
    private IniParser() {
    }

    /**
     * Reads one file's text into {@code into}.
     *
     * @param source the name used in messages (the file path)
     * @throws IniSyntaxException as configparser would raise ParsingError or
     *                            MissingSectionHeaderError
     */
    public static void read(IniFile into, String text, String source) throws IniSyntaxException {
        Map<String, String> cursect = null;
        boolean haveSection = false;
        String optname = null;
        int indentLevel = 0;
        // values being built, per (section map, option) in this read
        Map<Map<String, String>, Map<String, List<String>>> building = new IdentityHashMap<>();
        List<String> bad = new ArrayList<>();
        List<String> lines = splitLines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineno = i + 1;
            int commentStart = inlineCommentStart(line);
            String stripped = PyText.strip(line);
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                commentStart = 0;
            }
            String value = PyText.strip(commentStart < 0 ? line : line.substring(0, commentStart));
            if (value.isEmpty()) {
                if (commentStart < 0 && cursect != null && optname != null) {
                    building.get(cursect).get(optname).add("");
                }
                continue;
            }
            int indent = firstNonSpace(line);
            if (cursect != null && optname != null && indent > indentLevel) {
                building.get(cursect).get(optname).add(value);
                continue;
            }
            indentLevel = indent;
            String header = sectionHeader(value);
            if (header != null) {
                boolean existed = into.isKnown(header);
                cursect = into.target(header);
                haveSection = true;
                if (!existed && !IniFile.DEFAULT_SECTION.equals(header)) {
                    into.recordFile(header, source);
                }
                building.computeIfAbsent(cursect, k -> new LinkedHashMap<>());
                optname = null;
            } else if (!haveSection) {
                String why = line.startsWith("\ufeff")
                        ? "the file starts with a byte-order mark, which Supervisor does not accept"
                        : "text before the first [section] header";
                throw new IniSyntaxException(source + ": line " + lineno + ": " + why + ": " + PyText.repr(line));
            } else {
                int d = firstDelimiter(value);
                if (d < 0) {
                    bad.add("line " + lineno + ": " + PyText.repr(line));
                    continue;
                }
                if (d == 0) {
                    bad.add("line " + lineno + ": " + PyText.repr(line));
                }
                optname = IniFile.optionKey(PyText.rstrip(value.substring(0, d)));
                List<String> parts = new ArrayList<>();
                parts.add(PyText.strip(value.substring(d + 1)));
                building.get(cursect).put(optname, parts);
                cursect.put(optname, "");
            }
        }
        for (Map.Entry<Map<String, String>, Map<String, List<String>>> s : building.entrySet()) {
            for (Map.Entry<String, List<String>> o : s.getValue().entrySet()) {
                s.getKey().put(o.getKey(), PyText.rstrip(String.join("\n", o.getValue())));
            }
        }
        if (!bad.isEmpty()) {
            throw new IniSyntaxException(source + ": lines that are neither a [section] header, a key = value"
                    + " line nor a comment: " + String.join("; ", bad));
        }
    }

    /** Splits as Python's universal-newline text mode does: at \n, \r\n and \r. */
    static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(text.substring(start));
        }
        return out;
    }

    /**
     * Where an inline comment starts, or -1. configparser looks at the first ';' and the first
     * '#', then the second of each, and so on, and stops at the first round in which one of
     * them follows whitespace; so in {@code a;b;c ;d #e} the comment starts at {@code #e}
     * (round 1) although {@code ;d} (round 4) is earlier in the line. We follow that exactly.
     */
    static int inlineCommentStart(String line) {
        int semi = -1;
        int hash = -1;
        boolean semiLive = true;
        boolean hashLive = true;
        while (semiLive || hashLive) {
            int found = Integer.MAX_VALUE;
            if (semiLive) {
                semi = line.indexOf(';', semi + 1);
                semiLive = semi >= 0;
                if (semiLive && (semi == 0 || PyText.isSpace(line.charAt(semi - 1)))) {
                    found = Math.min(found, semi);
                }
            }
            if (hashLive) {
                hash = line.indexOf('#', hash + 1);
                hashLive = hash >= 0;
                if (hashLive && (hash == 0 || PyText.isSpace(line.charAt(hash - 1)))) {
                    found = Math.min(found, hash);
                }
            }
            if (found != Integer.MAX_VALUE) {
                return found;
            }
        }
        return -1;
    }

    private static int firstNonSpace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!PyText.isSpace(line.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    /** {@code [header]}: from the first '[' to the last ']', at least one character between. */
    private static String sectionHeader(String value) {
        if (value.charAt(0) != '[') {
            return null;
        }
        int close = value.lastIndexOf(']');
        if (close < 2) {
            return null;
        }
        return value.substring(1, close);
    }

    private static int firstDelimiter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }
}
