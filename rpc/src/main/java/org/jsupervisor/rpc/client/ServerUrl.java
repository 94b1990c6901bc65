package org.jsupervisor.rpc.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A supervisord server URL as {@code supervisorctl} takes it: {@code unix:///path/to.sock}
 * or {@code http://host[:port][/...]} (port 80 when left out; any path is ignored, since
 * calls always go to /RPC2 as Supervisor's client sends them).
 */
public final class ServerUrl {
    private final String text;
    private final Path socketPath;
    private final String host;
    private final int port;

    private ServerUrl(String text, Path socketPath, String host, int port) {
        this.text = text;
        this.socketPath = socketPath;
        this.host = host;
        this.port = port;
    }

    /**
     * Parses a server URL.
     *
     * @throws IllegalArgumentException for another scheme or a malformed host/port, with a
     *     message naming the URL
     */
    public static ServerUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        if (url.startsWith("unix://")) {
            String path = url.substring("unix://".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("no socket path in server URL " + url);
            }
            return new ServerUrl(url, Path.of(path), null, -1);
        }
        if (url.startsWith("http://")) {
            String rest = url.substring("http://".length());
            int slash = rest.indexOf('/');
            String authority = slash >= 0 ? rest.substring(0, slash) : rest;
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1); // credentials in the URL are not used
            }
            String host;
            String portText = null;
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("bad IPv6 address in server URL " + url);
                }
                host = authority.substring(1, close);
                String after = authority.substring(close + 1);
                if (after.startsWith(":")) {
                    portText = after.substring(1);
                } else if (!after.isEmpty()) {
                    throw new IllegalArgumentException("bad host in server URL " + url);
                }
            } else {
                int colon = authority.lastIndexOf(':');
                host = colon >= 0 ? authority.substring(0, colon) : authority;
                portText = colon >= 0 ? authority.substring(colon + 1) : null;
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("no host in server URL " + url);
            }
            int port = 80;
            if (portText != null && !portText.isEmpty()) {
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad port in server URL " + url);
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("bad port in server URL " + url);
                }
            }
            return new ServerUrl(url, null, host, port);
        }
        throw new IllegalArgumentException("Unknown protocol for serverurl " + url);
    }

    public boolean isUnix() {
        return socketPath != null;
    }

    /** The socket file, for a unix:// URL; null otherwise. */
    public Path socketPath() {
        return socketPath;
    }

    /** The host, for an http:// URL (IPv6 without brackets); null otherwise. */
    public String host() {
        return host;
    }

    /** The port, for an http:// URL; -1 otherwise. */
    public int port() {
        return port;
    }

    /** The Host header value (what Python's http.client sends; {@code localhost} for sockets). */
    String hostHeader() {
        if (isUnix()) {
            return "localhost";
        }
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 80 ? h : h + ":" + port;
    }

    /** The URL as given. */
    @Override
    public String toString() {
        return text;
    }
}
