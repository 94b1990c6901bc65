package org.jsupervisor.common.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsupervisor.common.config.ini.IniFile;
import org.jsupervisor.common.config.ini.IniParser;
import org.jsupervisor.common.config.ini.IniSyntaxException;
import org.jsupervisor.common.config.ini.PyText;

/** What supervisord does with its configuration file, step by step, in Supervisor's order. */
final class ServerConfigReader {
    private final LoadContext ctx;
    private final SupervisordOverrides overrides;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();

    ServerConfigReader(LoadContext ctx, SupervisordOverrides overrides) {
        this.ctx = ctx;
        this.overrides = overrides;
    }

    SupervisorConfig read(Path file) throws ConfigException {
        overrides.check(ctx);
        String shown = file.toString();
        Path abs = ctx.cwd().resolve(file);
        String here = Values.normpath(abs.getParent() == null ? "/" : abs.getParent().toString());
        IniFile ini = new IniFile();
        readInto(ini, abs, shown, true);
        SectionReader r = new SectionReader(ini, shown, ctx);
        if (ini.hasSection("include")) {
            readIncludes(ini, r, here);
        }
        if (!ini.hasSection("supervisord")) {
            throw SectionReader.error(shown, null, null, ".ini file does not include supervisord section");
        }
        SupervisordSection supervisord = new SupervisordSectionReader(r, here).read();
        List<RpcInterfaceConfig> rpc = rpcInterfaces(r);
        List<GroupConfig> groups = mergeEnvironment(new GroupSectionsReader(r, here, warnings).read(),
                supervisord.environment());
        List<HttpServerConfig> servers = new HttpServerSectionsReader(r, here).read();
        supervisord = overrides.apply(supervisord, ctx);
        if (overrides.user().isPresent()) {
            try {
                Values.nameToUid(overrides.user().get(), ctx.users());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("invalid value for --user: " + e.getMessage());
            }
        } else {
            SupervisordSectionReader.checkUser(r, supervisord);
        }
        SupervisorctlSection ctl;
        try {
            ctl = ini.hasSection("supervisorctl") ? new ClientConfigReader(ctx).read(abs, shown) : ClientConfigReader.defaults();
        } catch (ConfigException e) {
            ctl = ClientConfigReader.defaults();
        }
        return new SupervisorConfig(abs, supervisord,
                servers.stream().filter(UnixHttpServerConfig.class::isInstance).map(UnixHttpServerConfig.class::cast)
                        .findFirst(),
                servers.stream().filter(InetHttpServerConfig.class::isInstance).map(InetHttpServerConfig.class::cast)
                        .findFirst(),
                ctl, rpc, groups, servers, warnings, infos);
    }

    /** Reads one file; a missing main file is an error, an unreadable included one is skipped. */
    static boolean readInto(IniFile ini, Path path, String shown, boolean main) throws ConfigException {
        if (main && !Files.exists(path)) {
            throw new ConfigException("could not find config file " + shown);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            if (main) {
                throw new ConfigException("could not read config file " + shown);
            }
            return false; // configparser skips files it cannot open
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(shown + ": the file is not valid UTF-8 text");
        }
        try {
            IniParser.read(ini, text, shown);
        } catch (IniSyntaxException e) {
            throw new ConfigException(SectionReader.oneLine(e.getMessage()));
        }
        return true;
    }

    private void readIncludes(IniFile ini, SectionReader r, String here) throws ConfigException {
        ini.replaceHere(here);
        String files = ini.get("include", "files").orElse(null);
        if (files == null) {
            throw r.error("include", null, ".ini file has [include] section, but no files setting");
        }
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("here", here);
        names.put("host_node_name", ctx.hostname());
        names.putAll(r.envExpansions);
        files = r.expand(files, names, "include", "files");
        for (String pattern : PyText.splitWhitespace(files)) {
            String full = pattern.startsWith("/") ? pattern : PyGlob.join(here, pattern);
            List<String> matches = new ArrayList<>(PyGlob.glob(full));
            if (matches.isEmpty()) {
                warnings.add("No file matches via include \"" + full + "\"");
                continue;
            }
            matches.sort(null);
            for (String f : matches) {
                infos.add("Included extra file \"" + f + "\" during parsing");
                readInto(ini, Path.of(f), f, false);
                Path fp = Path.of(f);
                ini.replaceHere(Values.normpath(fp.getParent() == null ? "/" : fp.getParent().toString()));
            }
        }
    }

    private List<RpcInterfaceConfig> rpcInterfaces(SectionReader r) throws ConfigException {
        final String key = "supervisor.rpcinterface_factory";
        List<RpcInterfaceConfig> out = new ArrayList<>();
        for (String section : r.ini.sections()) {
            if (!section.startsWith("rpcinterface:")) {
                continue;
            }
            String name = section.split(":", 2)[1];
            String factory = r.get(section, key, null, Map.of());
            if (factory == null) {
                throw r.error(section, key, "the section has no " + key + " value");
            }
            if (!ctx.rpcInterfaceFactories().contains(factory)) {
                throw r.error(section, key, "unknown factory " + factory + " (jsupervisor knows "
                        + String.join(", ", ctx.rpcInterfaceFactories().stream().sorted().toList()) + ")");
            }
            Map<String, String> extras = new LinkedHashMap<>();
            for (String k : r.ini.options(section)) {
                if (!k.equals(key)) {
                    extras.put(k, r.get(section, k, null, Map.of()));
                }
            }
            out.add(new RpcInterfaceConfig(name, factory, extras));
        }
        return out;
    }

    /** Supervisor gives every process the [supervisord] environment, overridden by its own. */
    private static List<GroupConfig> mergeEnvironment(List<GroupConfig> groups, Map<String, String> global) {
        if (global.isEmpty()) {
            return groups;
        }
        List<GroupConfig> out = new ArrayList<>();
        for (GroupConfig g : groups) {
            List<ProcessConfig> procs = g.processes().stream().map(p -> withEnv(p, global)).toList();
            if (g instanceof EventListenerPoolConfig e) {
                out.add(new EventListenerPoolConfig(e.name(), e.priority(), procs, e.bufferSize(), e.events(),
                        e.resultHandler()));
            } else if (g instanceof FcgiGroupConfig f) {
                out.add(new FcgiGroupConfig(f.name(), f.priority(), procs, f.socket()));
            } else {
                out.add(new ProcessGroupConfig(g.name(), g.priority(), procs));
            }
        }
        return out;
    }

    private static ProcessConfig withEnv(ProcessConfig p, Map<String, String> global) {
        Map<String, String> env = new LinkedHashMap<>(global);
        env.putAll(p.environment());
        return new ProcessConfig(p.name(), p.command(), env, p.directory(), p.umask(), p.user(), p.priority(),
                p.autostart(), p.autorestart(), p.startsecs(), p.startretries(), p.stopsignal(), p.stopwaitsecs(),
                p.stopasgroup(), p.killasgroup(), p.exitcodes(), p.redirectStderr(), p.stdout(), p.stderr(),
                p.serverUrl());
    }

    static Optional<String> opt(String s) {
        return Optional.ofNullable(s);
    }
}
