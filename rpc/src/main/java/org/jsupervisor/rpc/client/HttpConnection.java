package org.jsupervisor.rpc.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection over a TCP socket or a unix domain socket, with just what
 * Supervisor's endpoints need: requests with a Content-Length body, responses with a
 * Content-Length, chunked or read-to-close body, keep-alive.
 *
 * <p>Hand-written rather than the JDK's HttpClient or Jetty's because neither speaks HTTP
 * over a unix socket, and because class loading dominates a one-shot
 * {@code supervisorctl status} (JDK sockets: ~0.07 s per whole JVM run; Jetty's client:
 * ~0.4 s).
 *
 * <p>Not thread-safe, except that {@link #close()} may be called from any thread to abort a
 * blocked read.
 */
final class HttpConnection implements Closeable {
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private final Closeable resource;
    private final InputStream in;
    private final OutputStream out;
    private volatile boolean closed;

    private HttpConnection(Closeable resource, InputStream in, OutputStream out) {
        this.resource = resource;
        this.in = new BufferedInputStream(in, 16 * 1024);
        this.out = out;
    }

    /** Connects, classifying failures the way supervisorctl reports them. */
    static HttpConnection open(ServerUrl url, int connectTimeoutMillis, int readTimeoutMillis)
        throws RpcConnectException {
        if (url.isUnix()) {
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                ch.connect(UnixDomainSocketAddress.of(url.socketPath()));
                return new HttpConnection(ch, Channels.newInputStream(ch), Channels.newOutputStream(ch));
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
                throw classify(url, e);
            }
        }
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(url.host(), url.port()), connectTimeoutMillis);
            s.setTcpNoDelay(true);
            s.setSoTimeout(readTimeoutMillis);
            return new HttpConnection(s, s.getInputStream(), s.getOutputStream());
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            throw classify(url, e);
        }
    }

    private static RpcConnectException classify(ServerUrl url, Exception e) {
        String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        RpcConnectException.Kind kind;
        if (url.isUnix() && !Files.exists(url.socketPath()) || msg.contains("no such file")) {
            kind = RpcConnectException.Kind.NO_SUCH_FILE;
        } else if (e instanceof ConnectException || msg.contains("connection refused")) {
            kind = RpcConnectException.Kind.REFUSED;
        } else if (msg.contains("permission denied")) {
            kind = RpcConnectException.Kind.PERMISSION_DENIED;
        } else if (e instanceof UnknownHostException
            || e instanceof java.nio.channels.UnresolvedAddressException) {
            kind = RpcConnectException.Kind.UNKNOWN_HOST;
        } else if (e instanceof SocketTimeoutException) {
            kind = RpcConnectException.Kind.TIMEOUT;
        } else {
            kind = RpcConnectException.Kind.OTHER;
        }
        return new RpcConnectException(kind, url.toString(), e);
    }

    /** Writes one request in a single write. */
    void send(String method, String path, List<String[]> headers, byte[] body) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        for (String[] h : headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (body != null) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            sb.append("Content-Length: 0\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + (body == null ? 0 : body.length)];
        System.arraycopy(head, 0, all, 0, head.length);
        if (body != null) {
            System.arraycopy(body, 0, all, head.length, body.length);
        }
        out.write(all);
        out.flush();
    }

    /** Thrown when the peer closed or reset the connection before sending any byte of a response. */
    static final class NoResponseException extends IOException {
        private static final long serialVersionUID = 1L;

        NoResponseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The status line and headers of a response, and its body as a stream. */
    static final class Response {
        final int status;
        final String reason;
        final Map<String, List<String>> headers;
        final InputStream body;
        /** Whether the connection can carry another request once the body has been read. */
        final boolean keepAlive;

        Response(int status, String reason, Map<String, List<String>> headers, InputStream body, boolean keepAlive) {
            this.status = status;
            this.reason = reason;
            this.headers = headers;
            this.body = body;
            this.keepAlive = keepAlive;
        }

        String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : v.get(v.size() - 1);
        }
    }

    /** Reads a response head (skipping interim 1xx responses). */
    Response readResponse() throws IOException {
        return readResponse(false);
    }

    /** As {@link #readResponse()}; a response to HEAD never has a body. */
    Response readResponse(boolean head) throws IOException {
        int first;
        try {
            first = in.read();
        } catch (IOException e) {
            throw new NoResponseException("connection lost before any response: " + e.getMessage(), e);
        }
        if (first < 0) {
            throw new NoResponseException("server closed the connection without answering", null);
        }
        String statusLine = (char) first + readLine();
        while (true) {
            if (!statusLine.startsWith("HTTP/")) {
                throw new IOException("not an HTTP response: " + abbreviate(statusLine));
            }
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(parts.length > 1 ? parts[1] : "");
            } catch (NumberFormatException e) {
                throw new IOException("bad HTTP status line: " + abbreviate(statusLine));
            }
            String reason = parts.length > 2 ? parts[2] : "";
            Map<String, List<String>> headers = readHeaders();
            if (status >= 100 && status < 200) {
                statusLine = readLine();
                continue;
            }
            return withBody(head ? 204 : status, status, reason, headers, statusLine.startsWith("HTTP/1.0"));
        }
    }

    private Response withBody(int framing, int status, String reason, Map<String, List<String>> headers,
        boolean http10) throws IOException {
        String connection = lastValue(headers, "connection");
        connection = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
        String te = lastValue(headers, "transfer-encoding");
        String cl = lastValue(headers, "content-length");
        InputStream body;
        if (framing == 204 || framing == 304) {
            body = InputStream.nullInputStream();
        } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = new BodyStreams.Chunked(in, this);
        } else if (cl != null) {
            long length;
            try {
                length = Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + abbreviate(cl));
            }
            if (length < 0) {
                throw new IOException("bad Content-Length: " + cl);
            }
            body = new BodyStreams.FixedLength(in, length);
        } else {
            body = in; // read to the end of the connection
            keepAlive = false;
        }
        return new Response(status, reason, headers, body, keepAlive);
    }

    private static String lastValue(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String last = null;
        for (int n = 0; ; n++) {
            String line = readLine();
            if (line.isEmpty()) {
                return headers;
            }
            if (n >= MAX_HEADERS) {
                throw new IOException("too many HTTP response headers");
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                List<String> vs = headers.get(last);
                vs.set(vs.size() - 1, vs.get(vs.size() - 1) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad HTTP header line: " + abbreviate(line));
            }
            last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
    }

    /** One line without its CR LF (a bare LF is accepted too). */
    String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of an HTTP response");
            }
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (buf.size() >= MAX_LINE) {
                throw new IOException("HTTP response line longer than " + MAX_LINE + " bytes");
            }
            buf.write(b);
        }
    }

    InputStream rawInput() {
        return in;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(resource);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
