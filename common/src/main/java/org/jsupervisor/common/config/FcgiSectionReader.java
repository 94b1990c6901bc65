package org.jsupervisor.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@code [fcgi-program:x]} section: its socket settings, then its processes. */
final class FcgiSectionReader {
    private static final Pattern TCP = Pattern.compile("tcp://([^\\s:]+):(\\d+)");

    private final SectionReader r;
    private final Map<String, Object> hereOnly;

    FcgiSectionReader(SectionReader r, Map<String, Object> hereOnly) {
        this.r = r;
        this.hereOnly = hereOnly;
    }

    FcgiGroupConfig read(String section, ProcessSectionReader processes) throws ConfigException {
        LoadContext ctx = r.ctx;
        String name = r.convert(section, null, section.split(":", 2)[1], Values::processOrGroupName);
        int priority = r.convert(section, "priority", r.get(section, "priority", "999", hereOnly), Values::integer);
        String user = r.get(section, "user", null, hereOnly);
        Integer procUid = user == null ? null : r.convert(section, "user", user, u -> Values.nameToUid(u, ctx.users()));
        String backlogText = r.get(section, "socket_backlog", null, hereOnly);
        Integer backlog = null;
        if (backlogText != null) {
            backlog = r.convert(section, "socket_backlog", backlogText, Values::integer);
            if (backlog < 1 || backlog > 65535) {
                throw r.error(section, "socket_backlog", "Invalid socket_backlog value " + backlog);
            }
        }
        String ownerText = r.get(section, "socket_owner", null, hereOnly);
        int[] owner = null;
        if (ownerText != null) {
            owner = r.convert(section, "socket_owner", ownerText, t -> {
                try {
                    return Values.userGroup(t, ctx.users());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Invalid socket_owner value " + t);
                }
            });
        }
        String modeText = r.get(section, "socket_mode", null, hereOnly);
        Integer mode = null;
        if (modeText != null) {
            mode = r.convert(section, "socket_mode", modeText, t -> {
                try {
                    return Values.octal(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Invalid socket_mode value " + t);
                }
            });
        }
        Map<String, Object> names = new LinkedHashMap<>(hereOnly);
        names.put("program_name", name);
        String socket = r.get(section, "socket", null, names);
        if (socket == null || socket.isEmpty()) {
            throw r.error(section, "socket", "an fcgi-program needs a socket (tcp://host:port or unix:///path)");
        }
        FcgiSocketConfig sock;
        if (socket.startsWith("unix://")) {
            String path = socket.substring(7);
            if (!path.startsWith("/")) {
                throw r.error(section, "socket", "the unix socket path " + path + " is not absolute");
            }
            path = Values.normalizePath(path, ctx);
            if (owner == null && procUid != null && procUid != ctx.uid()) {
                int uid = procUid;
                owner = new int[] {uid, ctx.users().userById(uid).map(UserDatabase.User::gid).orElse(-1)};
            }
            sock = new FcgiSocketConfig("unix://" + path, Optional.ofNullable(backlog),
                    owner == null ? Optional.empty() : Optional.of(owner[0]),
                    owner == null ? Optional.empty() : GroupSectionsReader.opt(owner[1]),
                    Optional.of(mode == null ? 0700 : mode));
        } else {
            if (owner != null || mode != null) {
                throw r.error(section, "socket", "socket_owner and socket_mode apply only to a unix socket");
            }
            Matcher m = TCP.matcher(socket);
            if (!m.matches()) {
                throw r.error(section, "socket", "not a socket address: " + socket + " (expected tcp://host:port or unix:///path)");
            }
            String host = m.group(1).toLowerCase(java.util.Locale.ROOT);
            int port = r.convert(section, "socket", m.group(2), Values::portNumber);
            sock = new FcgiSocketConfig("tcp://" + host + ":" + port, Optional.ofNullable(backlog),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        return new FcgiGroupConfig(name, priority, processes.read(section, name), sock);
    }
}
