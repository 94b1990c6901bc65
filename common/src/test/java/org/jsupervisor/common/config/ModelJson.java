package org.jsupervisor.common.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Renders our parsed model in the shape dump_config.py writes for Supervisor's, so that the
 * two can be compared field by field.
 */
final class ModelJson {
    private final UserDatabase users;

    ModelJson(UserDatabase users) {
        this.users = users;
    }

    JsonObject server(SupervisorConfig c) {
        JsonObject o = new JsonObject();
        o.addProperty("accepted", true);
        SupervisordSection s = c.supervisord();
        JsonObject sd = new JsonObject();
        sd.addProperty("logfile", s.logfile());
        sd.addProperty("pidfile", s.pidfile());
        sd.addProperty("logfile_maxbytes", s.logfileMaxbytes());
        sd.addProperty("logfile_backups", s.logfileBackups());
        sd.addProperty("loglevel", s.loglevel().severity());
        sd.addProperty("umask", s.umask());
        sd.addProperty("nodaemon", s.nodaemon());
        sd.addProperty("silent", s.silent());
        sd.addProperty("minfds", s.minfds());
        sd.addProperty("minprocs", s.minprocs());
        sd.addProperty("nocleanup", s.nocleanup());
        sd.addProperty("childlogdir", s.childlogdir());
        sd.add("user", opt(s.user()));
        sd.add("directory", opt(s.directory()));
        sd.addProperty("strip_ansi", s.stripAnsi());
        sd.add("environment", map(s.environment()));
        sd.addProperty("identifier", s.identifier());
        o.add("supervisord", sd);
        JsonArray groups = new JsonArray();
        for (GroupConfig g : c.groups()) {
            groups.add(group(g));
        }
        o.add("groups", groups);
        JsonArray servers = new JsonArray();
        for (HttpServerConfig h : c.httpServers()) {
            servers.add(server(h));
        }
        o.add("servers", servers);
        o.add("serverurl", opt(c.defaultServerUrl()));
        JsonArray rpc = new JsonArray();
        for (RpcInterfaceConfig r : c.rpcInterfaces()) {
            JsonObject ro = new JsonObject();
            ro.addProperty("name", r.name());
            ro.addProperty("factory", r.factory());
            ro.add("options", map(r.options()));
            rpc.add(ro);
        }
        o.add("rpcinterfaces", rpc);
        o.add("warnings", strings(c.parseWarnings()));
        o.add("infos", strings(c.parseInfos()));
        return o;
    }

    JsonObject client(SupervisorctlSection s) {
        JsonObject o = new JsonObject();
        o.addProperty("accepted", true);
        o.addProperty("serverurl", s.serverUrl());
        o.addProperty("prompt", s.prompt());
        o.add("username", opt(s.username()));
        o.add("password", opt(s.password()));
        o.add("history_file", opt(s.historyFile()));
        return o;
    }

    private JsonObject group(GroupConfig g) {
        JsonObject o = new JsonObject();
        o.addProperty("name", g.name());
        o.addProperty("priority", g.priority());
        JsonArray procs = new JsonArray();
        for (ProcessConfig p : g.processes()) {
            procs.add(process(p));
        }
        o.add("processes", procs);
        if (g instanceof EventListenerPoolConfig e) {
            o.addProperty("type", "eventlistener");
            o.addProperty("buffer_size", e.bufferSize());
            o.add("events", strings(e.events().stream().sorted().toList()));
            o.addProperty("result_handler", e.resultHandler());
        } else if (g instanceof FcgiGroupConfig f) {
            o.addProperty("type", "fcgi");
            JsonObject so = new JsonObject();
            FcgiSocketConfig s = f.socket();
            so.addProperty("url", s.url());
            so.add("backlog", optInt(s.backlog()));
            if (s.ownerUid().isPresent()) {
                JsonArray owner = new JsonArray();
                owner.add(s.ownerUid().get());
                owner.add(s.ownerGid().orElse(-1));
                so.add("owner", owner);
            } else {
                so.add("owner", JsonNull.INSTANCE);
            }
            so.add("mode", optInt(s.mode()));
            o.add("socket", so);
        } else {
            o.addProperty("type", "program");
        }
        return o;
    }

    private JsonObject process(ProcessConfig p) {
        JsonObject o = new JsonObject();
        o.addProperty("name", p.name());
        o.addProperty("command", p.command());
        o.add("directory", opt(p.directory()));
        o.add("umask", optInt(p.umask()));
        o.add("uid", p.user().map(u -> (JsonElement) new JsonPrimitive(Values.nameToUid(u, users)))
                .orElse(JsonNull.INSTANCE));
        o.addProperty("priority", p.priority());
        o.addProperty("autostart", p.autostart());
        o.addProperty("startsecs", p.startsecs());
        o.addProperty("startretries", p.startretries());
        o.addProperty("stopsignal", p.stopsignal().number());
        o.addProperty("stopwaitsecs", p.stopwaitsecs());
        o.addProperty("stopasgroup", p.stopasgroup());
        o.addProperty("killasgroup", p.killasgroup());
        o.addProperty("redirect_stderr", p.redirectStderr());
        o.add("environment", map(p.environment()));
        o.add("serverurl", opt(p.serverUrl()));
        o.addProperty("autorestart", switch (p.autorestart()) {
            case TRUE -> "true";
            case FALSE -> "false";
            case UNEXPECTED -> "unexpected";
        });
        JsonArray codes = new JsonArray();
        p.sortedExitcodes().forEach(codes::add);
        o.add("exitcodes", codes);
        stream(o, "stdout", p.stdout());
        stream(o, "stderr", p.stderr());
        return o;
    }

    private static void stream(JsonObject o, String name, StreamLogConfig s) {
        String target;
        if (s.target() instanceof LogTarget.File f) {
            target = f.path();
        } else if (s.target() instanceof LogTarget.None) {
            target = "NONE";
        } else {
            target = "AUTO";
        }
        o.addProperty(name + "_logfile", target);
        o.addProperty(name + "_logfile_maxbytes", s.maxBytes());
        o.addProperty(name + "_logfile_backups", s.backups());
        o.addProperty(name + "_capture_maxbytes", s.captureMaxBytes());
        o.addProperty(name + "_events_enabled", s.eventsEnabled());
        o.addProperty(name + "_syslog", s.syslog());
    }

    private static JsonObject server(HttpServerConfig h) {
        JsonObject o = new JsonObject();
        if (h instanceof UnixHttpServerConfig u) {
            o.addProperty("family", "unix");
            o.addProperty("file", u.file());
            o.addProperty("chmod", u.chmod());
            JsonArray chown = new JsonArray();
            chown.add(u.chownUid().orElse(-1));
            chown.add(u.chownGid().orElse(-1));
            o.add("chown", chown);
        } else if (h instanceof InetHttpServerConfig i) {
            o.addProperty("family", "inet");
            o.addProperty("host", i.host());
            o.addProperty("port", i.port());
        }
        o.add("username", opt(h.username()));
        o.add("password", opt(h.password()));
        return o;
    }

    private static JsonElement opt(Optional<String> v) {
        return v.map(x -> (JsonElement) new JsonPrimitive(x)).orElse(JsonNull.INSTANCE);
    }

    private static JsonElement optInt(Optional<Integer> v) {
        return v.map(x -> (JsonElement) new JsonPrimitive(x)).orElse(JsonNull.INSTANCE);
    }

    private static JsonObject map(Map<String, String> m) {
        JsonObject o = new JsonObject();
        m.forEach(o::addProperty);
        return o;
    }

    private static JsonArray strings(Collection<String> l) {
        JsonArray a = new JsonArray();
        l.forEach(a::add);
        return a;
    }
}
