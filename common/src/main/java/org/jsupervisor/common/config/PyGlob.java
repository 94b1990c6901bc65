package org.jsupervisor.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Python's {@code glob.glob} for absolute patterns, as {@code [include] files} uses it:
 * {@code *}, {@code ?} and {@code [...]} in any path component, names starting with a dot
 * matched only by a pattern that starts with a dot, results in directory order (the caller
 * sorts). Unlike a Java {@code PathMatcher} glob, {@code **} is just {@code *} here.
 */
final class PyGlob {
    private PyGlob() {
    }

    static boolean hasMagic(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    static List<String> glob(String pattern) {
        return glob(pattern, false);
    }

    private static List<String> glob(String pattern, boolean dirOnly) {
        List<String> out = new ArrayList<>();
        String[] split = split(pattern);
        String dirname = split[0];
        String basename = split[1];
        if (!hasMagic(pattern)) {
            if (basename.isEmpty() ? Files.isDirectory(Path.of(dirname)) : lexists(pattern)) {
                if (!dirOnly || Files.isDirectory(Path.of(pattern))) {
                    out.add(pattern);
                }
            }
            return out;
        }
        if (dirname.isEmpty()) {
            return out; // relative patterns never reach here: the base is absolute
        }
        List<String> dirs = !dirname.equals(pattern) && hasMagic(dirname) ? glob(dirname, true) : List.of(dirname);
        for (String dir : dirs) {
            List<String> names;
            if (hasMagic(basename)) {
                names = match(dir, basename, dirOnly);
            } else if (basename.isEmpty()) {
                names = Files.isDirectory(Path.of(dir)) ? List.of("") : List.of();
            } else {
                names = lexists(join(dir, basename)) ? List.of(basename) : List.of();
            }
            for (String name : names) {
                out.add(join(dir, name));
            }
        }
        return out;
    }

    private static List<String> match(String dir, String pattern, boolean dirOnly) {
        Pattern re = translate(pattern);
        boolean hiddenOk = pattern.startsWith(".");
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(dir.isEmpty() ? "." : dir))) {
            s.forEach(p -> {
                String name = p.getFileName().toString();
                if ((hiddenOk || !name.startsWith(".")) && re.matcher(name).matches()
                        && (!dirOnly || Files.isDirectory(p))) {
                    out.add(name);
                }
            });
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    private static boolean lexists(String p) {
        return Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS);
    }

    static String join(String dir, String name) {
        if (name.startsWith("/")) {
            return name;
        }
        if (dir.isEmpty() || dir.endsWith("/")) {
            return dir + name;
        }
        return dir + "/" + name;
    }

    /** os.path.split: (head without trailing slashes unless all slashes, tail). */
    static String[] split(String p) {
        int i = p.lastIndexOf('/') + 1;
        String head = p.substring(0, i);
        String tail = p.substring(i);
        if (!head.isEmpty() && !head.chars().allMatch(c -> c == '/')) {
            head = head.replaceAll("/+$", "");
        }
        return new String[] {head, tail};
    }

    /** fnmatch.translate, case-sensitive as on POSIX. */
    static Pattern translate(String pat) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = pat.length();
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pat.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pat.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pat.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String stuff = pat.substring(i, j);
                    i = j + 1;
                    StringBuilder cls = new StringBuilder("[");
                    int k = 0;
                    if (stuff.startsWith("!")) {
                        cls.append('^');
                        k = 1;
                    }
                    for (; k < stuff.length(); k++) {
                        char d = stuff.charAt(k);
                        if (d == '-') {
                            cls.append('-');
                        } else {
                            cls.append(Pattern.quote(String.valueOf(d)).length() > 1 && !Character.isLetterOrDigit(d)
                                    ? "\\" + d : String.valueOf(d));
                        }
                    }
                    re.append(cls).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
