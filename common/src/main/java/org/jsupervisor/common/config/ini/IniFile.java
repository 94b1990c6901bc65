package org.jsupervisor.common.config.ini;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sections and options read so far, as configparser holds them: section names keep
 * their case, option names are lower-cased, a {@code [DEFAULT]} section supplies options to
 * every other section, and reading another file merges into what is already there (a
 * repeated section continues, a repeated option replaces the earlier value).
 *
 * <p>Mutable while files are read and {@code %(here)s} is substituted; not thread-safe.
 */
public final class IniFile {
    /** The name configparser reserves for options shared by every section. */
    public static final String DEFAULT_SECTION = "DEFAULT";

    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, String> sectionToFile = new LinkedHashMap<>();

    /** Section names in the order they first appeared, without {@code DEFAULT}. */
    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /** Like configparser's {@code get}: the section's value, else the {@code DEFAULT} one. */
    public Optional<String> get(String section, String option) {
        String key = optionKey(option);
        Map<String, String> s = sections.get(section);
        if (s != null && s.containsKey(key)) {
            return Optional.of(s.get(key));
        }
        return Optional.ofNullable(defaults.get(key));
    }

    public boolean hasOption(String section, String option) {
        return get(section, option).isPresent();
    }

    /** The section's option names followed by {@code DEFAULT}'s, without repeats. */
    public Set<String> options(String section) {
        Set<String> out = new LinkedHashSet<>(sections.getOrDefault(section, Map.of()).keySet());
        out.addAll(defaults.keySet());
        return Collections.unmodifiableSet(out);
    }

    /** Sets a value in a section (or {@code DEFAULT}); used for {@code %(here)s}. */
    public void set(String section, String option, String value) {
        target(section).put(optionKey(option), value);
    }

    /** The file a section was first read from, when it came from an included file. */
    public Optional<String> fileOf(String section) {
        return Optional.ofNullable(sectionToFile.get(section));
    }

    void recordFile(String section, String file) {
        sectionToFile.put(section, file);
    }

    /** Options of the section itself (or of {@code DEFAULT}), without inherited ones. */
    public Map<String, String> ownOptionsView(String section) {
        Map<String, String> m = DEFAULT_SECTION.equals(section) ? defaults : sections.get(section);
        return m == null ? Map.of() : Collections.unmodifiableMap(m);
    }

    Map<String, String> target(String section) {
        if (DEFAULT_SECTION.equals(section)) {
            return defaults;
        }
        return sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
    }

    boolean isKnown(String section) {
        return sections.containsKey(section);
    }

    /**
     * Replaces the literal text {@code %(here)s} in every value of every section with
     * {@code here}, as Supervisor does after reading each included file. Values inherited
     * from {@code DEFAULT} are copied into the section when they change.
     */
    public void replaceHere(String here) {
        final String token = "%(here)s";
        for (String section : new ArrayList<>(sections.keySet())) {
            for (String option : options(section)) {
                String value = get(section, option).orElseThrow();
                if (value.contains(token)) {
                    set(section, option, value.replace(token, here));
                }
            }
        }
    }

    static String optionKey(String option) {
        return option.toLowerCase(java.util.Locale.ROOT);
    }
}
