package org.jsupervisor.supervisorctl.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.rpc.XmlRpcFormatException;
import org.jsupervisor.rpc.XmlRpcLimits;
import org.jsupervisor.rpc.XmlRpcReader;
import org.jsupervisor.rpc.XmlRpcWriter;

/**
 * XML-RPC over HTTP/1.1 on a JDK {@link SocketChannel}, to {@code unix://} or {@code http://}
 * URLs, one connection per call. Hand-written instead of using an HTTP client library because
 * start-up time is the point here: a JVM doing one call this way takes ~0.07 s, with Jetty's
 * HttpClient 0.4-0.5 s (see docs/supervisorctl.md).
 */
public final class HttpConnection implements ServerConnection {
    private static final String USER_AGENT = "jsupervisor supervisorctl";

    private final String serverUrl;
    private final Optional<String> authorization;

    public HttpConnection(String serverUrl, Optional<String> username, Optional<String> password) {
        this.serverUrl = serverUrl;
        if (username.isPresent() && password.isPresent()) {
            String token = username.get() + ":" + password.get();
            authorization = Optional.of("Basic "
                    + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        } else {
            authorization = Optional.empty();
        }
    }

    /** Makes connections for {@link org.jsupervisor.supervisorctl.Controller}. */
    public static final class Factory
            implements java.util.function.Function<org.jsupervisor.supervisorctl.ClientSettings, ServerConnection> {
        @Override
        public ServerConnection apply(org.jsupervisor.supervisorctl.ClientSettings s) {
            return new HttpConnection(s.serverUrl(), s.username(), s.password());
        }
    }

    @Override
    public Object call(String method, Object... params) throws ServerException {
        byte[] body = XmlRpcWriter.methodCall(method, Arrays.asList(params));
        try (SocketChannel ch = open()) {
            OutputStream out = Channels.newOutputStream(ch);
            out.write(head("POST", "/RPC2", body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch));
            Response r = Response.read(in);
            if (r.status == 401) {
                throw new ServerException.AuthRequired();
            }
            if (r.status != 200) {
                throw new ServerException.BadStatus(r.status, r.reason);
            }
            return XmlRpcReader.parseResponse(r.body(in), XmlRpcLimits.CLIENT);
        } catch (RpcFault f) {
            throw new ServerException.Fault(f.code(), f.faultString());
        } catch (XmlRpcFormatException e) {
            throw new ServerException.Protocol(e.getMessage(), e);
        } catch (ServerException e) {
            throw e;
        } catch (IOException e) {
            throw new ServerException.Protocol(String.valueOf(e.getMessage()), e);
        }
    }

    @Override
    public Stream stream(String path, OutputStream sink, Consumer<String> errors) {
        LogStream s = new LogStream(path, sink, errors);
        s.thread.start();
        return s;
    }

    private String head(String method, String path, int length) {
        StringBuilder b = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader()).append("\r\n")
                .append("User-Agent: ").append(USER_AGENT).append("\r\n");
        if (length >= 0) {
            b.append("Content-Type: text/xml\r\nAccept: text/xml\r\nContent-Length: ")
                    .append(length).append("\r\n");
        }
        if (authorization.isPresent()) {
            b.append("Authorization: ").append(authorization.get()).append("\r\n");
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }

    private String hostHeader() {
        return serverUrl.startsWith("http://") ? authority() : "localhost";
    }

    private String authority() {
        String rest = serverUrl.substring("http://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** Opens a connection, mapping failures to the distinctions supervisorctl reports. */
    private SocketChannel open() throws ServerException {
        SocketAddress address = address();
        try {
            SocketChannel ch = SocketChannel.open(address instanceof UnixDomainSocketAddress
                    ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
            try {
                ch.connect(address);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return ch;
        } catch (ConnectException e) {
            throw new ServerException.Unreachable(ServerException.Unreachable.Kind.REFUSED,
                    "Connection refused", e);
        } catch (IOException e) {
            if (address instanceof UnixDomainSocketAddress u && !Files.exists(u.getPath())) {
                throw new ServerException.Unreachable(ServerException.Unreachable.Kind.NO_SUCH_FILE,
                        "No such file or directory", e);
            }
            if (address instanceof UnixDomainSocketAddress && isRefused(e)) {
                throw new ServerException.Unreachable(ServerException.Unreachable.Kind.REFUSED,
                        "Connection refused", e);
            }
            throw new ServerException.Unreachable(ServerException.Unreachable.Kind.OTHER,
                    String.valueOf(e.getMessage()), e);
        }
    }

    private static boolean isRefused(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("refused") || e instanceof NoSuchFileException;
    }

    private SocketAddress address() throws ServerException {
        if (serverUrl.startsWith("unix://")) {
            return UnixDomainSocketAddress.of(Path.of(serverUrl.substring("unix://".length())));
        }
        if (serverUrl.startsWith("http://")) {
            String auth = authority();
            int colon = auth.lastIndexOf(':');
            String host = colon < 0 ? auth : auth.substring(0, colon);
            int port = 80;
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(auth.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new ServerException.Unreachable(ServerException.Unreachable.Kind.OTHER,
                            "bad port in " + serverUrl, e);
                }
            }
            return new InetSocketAddress(host, port);
        }
        throw new ServerException.Unreachable(ServerException.Unreachable.Kind.OTHER,
                "Unknown protocol for serverurl " + serverUrl, null);
    }

    /** A parsed status line and headers. */
    private static final class Response {
        int status;
        String reason = "";
        long length = -1;
        boolean chunked;

        static Response read(InputStream in) throws IOException {
            Response r = new Response();
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("bad status line: " + statusLine);
            }
            r.status = Integer.parseInt(parts[1].trim());
            r.reason = parts.length > 2 ? parts[2] : "";
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    r.length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding")
                        && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    r.chunked = true;
                }
            }
            return r;
        }

        byte[] body(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            copyBody(in, b);
            return b.toByteArray();
        }

        /** Copies the body to {@code out} as it arrives, flushing after every piece. */
        void copyBody(InputStream in, OutputStream out) throws IOException {
            byte[] buf = new byte[8192];
            if (chunked) {
                while (true) {
                    String sizeLine = line(in);
                    int semi = sizeLine.indexOf(';');
                    int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                    if (size == 0) {
                        return;
                    }
                    while (size > 0) {
                        int n = in.read(buf, 0, Math.min(size, buf.length));
                        if (n < 0) {
                            throw new EOFException();
                        }
                        out.write(buf, 0, n);
                        out.flush();
                        size -= n;
                    }
                    line(in);
                }
            }
            long left = length;
            while (left != 0) {
                int n = in.read(buf, 0, left < 0 ? buf.length : (int) Math.min(left, buf.length));
                if (n < 0) {
                    return;
                }
                out.write(buf, 0, n);
                out.flush();
                if (left > 0) {
                    left -= n;
                }
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            if (c < 0 && b.length() == 0) {
                throw new EOFException("connection closed");
            }
            return b.toString();
        }
    }

    /** {@code tail -f}: one GET whose body is copied until it ends or is closed. */
    private final class LogStream implements Stream {
        private final Thread thread;
        private volatile SocketChannel channel;
        private volatile boolean closed;

        LogStream(String path, OutputStream sink, Consumer<String> errors) {
            thread = new Thread(() -> run(path, sink, errors), "logtail " + path);
            thread.setDaemon(true);
        }

        private void run(String path, OutputStream sink, Consumer<String> errors) {
            try {
                channel = open();
                if (closed) {
                    channel.close();
                    return;
                }
                OutputStream out = Channels.newOutputStream(channel);
                out.write(head("GET", path, -1).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
                Response r = Response.read(in);
                if (r.status != 200) {
                    errors.accept("Cannot read, status code " + r.status);
                    return;
                }
                r.copyBody(in, sink);
            } catch (ServerException.Unreachable e) {
                String cls = e.kind() == ServerException.Unreachable.Kind.REFUSED
                        ? "ConnectionRefusedError" : e.kind() == ServerException.Unreachable.Kind.NO_SUCH_FILE
                        ? "FileNotFoundError" : "OSError";
                errors.accept("Cannot connect, error: <class '" + cls + "'> (" + e.getMessage() + ")");
            } catch (ServerException | IOException | RuntimeException e) {
                if (!closed) {
                    errors.accept("Cannot read, error: " + e.getMessage());
                }
            } finally {
                close();
            }
        }

        @Override
        public void await() throws InterruptedException {
            thread.join();
        }

        @Override
        public void close() {
            closed = true;
            SocketChannel ch = channel;
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // Already gone: nothing left to release.
                }
            }
        }
    }
}
