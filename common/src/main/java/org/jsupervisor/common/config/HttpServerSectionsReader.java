package org.jsupervisor.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code [inet_http_server]} and {@code [unix_http_server]} sections. Supervisor takes every
 * section whose name starts with those words, so {@code [inet_http_server:second]} is a second
 * server.
 */
final class HttpServerSectionsReader {
    private final SectionReader r;
    private final String here;

    HttpServerSectionsReader(SectionReader r, String here) {
        this.r = r;
        this.here = here;
    }

    List<HttpServerConfig> read() throws ConfigException {
        List<HttpServerConfig> out = new ArrayList<>();
        for (String section : r.ini.sections()) {
            if (!section.startsWith("inet_http_server")) {
                continue;
            }
            String[] auth = credentials(section);
            String port = r.get(section, "port", null, Map.of());
            if (port == null) {
                throw r.error(section, "port", "the section has no port");
            }
            Values.InetHostPort hp = r.convert(section, "port", port, Values::inetAddress);
            out.add(new InetHttpServerConfig(hp.host(), hp.port(), Optional.ofNullable(auth[0]),
                    Optional.ofNullable(auth[1])));
        }
        for (String section : r.ini.sections()) {
            if (!section.startsWith("unix_http_server")) {
                continue;
            }
            String file = r.get(section, "file", null, Map.of("here", here));
            if (file == null) {
                throw r.error(section, "file", "the section has no file (the socket path)");
            }
            file = Values.normalizePath(org.jsupervisor.common.config.ini.PyText.strip(file), r.ctx);
            String[] auth = credentials(section);
            String chown = r.get(section, "chown", null, Map.of());
            int[] owner = {-1, -1};
            if (chown != null) {
                owner = r.convert(section, "chown", chown, t -> {
                    try {
                        return Values.userGroup(t, r.ctx.users());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("Invalid sockchown value " + t);
                    }
                });
            }
            String chmodText = r.get(section, "chmod", null, Map.of());
            int chmod = 0700;
            if (chmodText != null) {
                chmod = r.convert(section, "chmod", chmodText, t -> {
                    try {
                        return Values.octal(t);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("Invalid chmod value " + t);
                    }
                });
            }
            out.add(new UnixHttpServerConfig(file, chmod, GroupSectionsReader.opt(owner[0]),
                    GroupSectionsReader.opt(owner[1]), Optional.ofNullable(auth[0]), Optional.ofNullable(auth[1])));
        }
        return out;
    }

    private String[] credentials(String section) throws ConfigException {
        String user = r.get(section, "username", null, Map.of());
        String pass = r.get(section, "password", null, Map.of());
        if ((user == null) != (pass == null)) {
            throw r.error(section, user == null ? "username" : "password", "username and password must be given together");
        }
        return new String[] {user, pass};
    }
}
