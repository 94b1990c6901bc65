package org.jsupervisor.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jsupervisor.common.config.ini.IniFile;
import org.jsupervisor.common.config.ini.PyText;

/**
 * Reads values out of a parsed file the way Supervisor's {@code saneget} does: the raw value
 * (or a default), then {@code %(name)s} expansion with the environment names plus the names
 * the caller adds. Turns every failure into a {@link ConfigException} naming the file,
 * section and key.
 *
 * <p>{@code envExpansions} is shared and grows as Supervisor's does: the {@code [supervisord]}
 * environment adds {@code ENV_x} names that later sections can use.
 */
final class SectionReader {
    final IniFile ini;
    final String mainFile;
    final LoadContext ctx;
    final Map<String, Object> envExpansions = new LinkedHashMap<>();

    SectionReader(IniFile ini, String mainFile, LoadContext ctx) {
        this.ini = ini;
        this.mainFile = mainFile;
        this.ctx = ctx;
        ctx.environment().forEach((k, v) -> envExpansions.put("ENV_" + k, v));
    }

    String fileOf(String section) {
        return ini.fileOf(section).orElse(mainFile);
    }

    /** The raw value, or null. */
    String raw(String section, String key) {
        return ini.get(section, key).orElse(null);
    }

    /** saneget: the value (or {@code dflt}, which may be null), expanded. */
    String get(String section, String key, String dflt, Map<String, ?> extra) throws ConfigException {
        String v = ini.get(section, key).orElse(dflt);
        if (v == null) {
            return null;
        }
        Map<String, Object> names = new LinkedHashMap<>(envExpansions);
        names.putAll(extra);
        return expand(v, names, section, key);
    }

    /** Supervisor's {@code expand()}: format, or a message naming the place. */
    String expand(String text, Map<String, ?> names, String section, String key) throws ConfigException {
        try {
            return PyFormat.format(text, names);
        } catch (PyFormat.MissingName e) {
            throw error(section, key, "the text " + PyText.repr(text) + " uses the name " + PyText.repr(e.name)
                    + ", which cannot be expanded here (names available: "
                    + String.join(", ", names.keySet().stream().sorted().toList()) + ")");
        } catch (PyFormat.BadFormat e) {
            throw error(section, key, "the text " + PyText.repr(text) + " is badly formatted: " + e.getMessage()
                    + " (write %% for a literal %)");
        }
    }

    ConfigException error(String section, String key, String reason) {
        return error(fileOf(section), section, key, reason);
    }

    static ConfigException error(String file, String section, String key, String reason) {
        StringBuilder b = new StringBuilder();
        b.append(file).append(": ");
        if (section != null) {
            b.append('[').append(section).append(']');
            if (key != null) {
                b.append(' ').append(key);
            }
            b.append(": ");
        }
        b.append(reason);
        return new ConfigException(oneLine(b.toString()));
    }

    static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** A typed conversion that names the place when it fails. */
    interface Conversion<T> {
        T apply(String text);
    }

    <T> T convert(String section, String key, String text, Conversion<T> conv) throws ConfigException {
        try {
            return conv.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(section, key, e.getMessage());
        }
    }
}
