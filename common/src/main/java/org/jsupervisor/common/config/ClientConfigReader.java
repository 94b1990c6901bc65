package org.jsupervisor.common.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jsupervisor.common.config.ini.IniFile;

/**
 * What supervisorctl reads: only the {@code [supervisorctl]} section of the one file (no
 * includes, no other section is checked). The server sections do not change the default URL:
 * without {@code serverurl} it is {@code http://localhost:9001}, as in Supervisor.
 */
final class ClientConfigReader {
    static final String S = "supervisorctl";
    static final String DEFAULT_SERVER_URL = "http://localhost:9001";
    static final String DEFAULT_PROMPT = "supervisor";

    private final LoadContext ctx;

    ClientConfigReader(LoadContext ctx) {
        this.ctx = ctx;
    }

    static SupervisorctlSection defaults() {
        return new SupervisorctlSection(DEFAULT_SERVER_URL, Optional.empty(), Optional.empty(), DEFAULT_PROMPT,
                Optional.empty());
    }

    SupervisorctlSection read(Path abs, String shown) throws ConfigException {
        String here = Values.normpath(abs.getParent() == null ? "/" : abs.getParent().toString());
        IniFile ini = new IniFile();
        ServerConfigReader.readInto(ini, abs, shown, true);
        if (!ini.hasSection(S)) {
            throw SectionReader.error(shown, null, null, ".ini file does not include supervisorctl section");
        }
        SectionReader r = new SectionReader(ini, shown, ctx);
        String url = r.get(S, "serverurl", DEFAULT_SERVER_URL, Map.of("here", here));
        if (url.startsWith("unix://")) {
            url = "unix://" + Values.normalizePath(url.substring(7), ctx);
        }
        String prompt = r.get(S, "prompt", DEFAULT_PROMPT, Map.of());
        String username = r.get(S, "username", null, Map.of());
        String password = r.get(S, "password", null, Map.of());
        String history = r.get(S, "history_file", null, Map.of("here", here));
        Optional<String> historyFile = history == null || history.isEmpty()
                ? Optional.empty() : Optional.of(Values.normalizePath(history, ctx));
        checkPlugins(r);
        return new SupervisorctlSection(url, Optional.ofNullable(username), Optional.ofNullable(password), prompt,
                historyFile);
    }

    /** {@code [ctlplugin:x]}: Supervisor imports each factory and refuses the file if it cannot. */
    private void checkPlugins(SectionReader r) throws ConfigException {
        final String key = "supervisor.ctl_factory";
        for (String section : r.ini.sections()) {
            if (!section.startsWith("ctlplugin:")) {
                continue;
            }
            String factory = r.get(section, key, null, Map.of());
            if (factory == null) {
                throw r.error(section, key, "the section has no " + key + " value");
            }
            if (!ctx.ctlPluginFactories().contains(factory)) {
                throw r.error(section, key, "unknown plugin factory " + factory + " (jsupervisor's supervisorctl has no plugins)");
            }
            for (String k : r.ini.options(section)) {
                r.get(section, k, null, Map.of());
            }
        }
    }
}
