package org.jsupervisor.rpc.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.rpc.XmlRpcLimits;
import org.jsupervisor.rpc.XmlRpcReader;
import org.jsupervisor.rpc.XmlRpcWriter;

/**
 * An XML-RPC client for supervisord, over {@code unix://} or {@code http://} server URLs,
 * on JDK sockets only. Responses are read as plain XML-RPC values with the same hardened
 * parser the server uses (never Java deserialization).
 *
 * <p>Failures are told apart by type: {@link RpcConnectException} (nothing to connect to;
 * {@link RpcConnectException#kind()}), {@link RpcHttpException} (a status other than 200,
 * {@link RpcHttpException#isUnauthorized()} for 401), {@link RpcFault} (unchecked: the
 * server answered with a fault), {@link org.jsupervisor.rpc.XmlRpcFormatException} (the
 * answer is not XML-RPC), other {@link IOException}s (connection lost mid-answer).
 *
 * <p>One connection is kept open between calls (HTTP keep-alive) and reopened when the
 * server has closed it. Thread-safe: calls from several threads take turns on the
 * connection. {@link #openStream} uses a connection of its own.
 *
 * <pre>{@code
 * try (XmlRpcClient c = XmlRpcClient.builder("unix:///tmp/supervisor.sock").credentials("user", "123").build()) {
 *     Map<?, ?> state = (Map<?, ?>) c.call("supervisor.getState");
 *     c.call("supervisor.startProcess", "web:web_00", true);   // throws RpcFault BAD_NAME etc.
 * }
 * }</pre>
 */
public final class XmlRpcClient implements Closeable {
    /** Where Supervisor's client sends XML-RPC calls, whatever the URL's path. */
    public static final String RPC_PATH = "/RPC2";
    private static final String USER_AGENT = "jsupervisor";

    private final ServerUrl url;
    private final String authorization;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final XmlRpcLimits limits;
    private HttpConnection conn;

    private XmlRpcClient(Builder b) {
        this.url = b.url;
        this.authorization = b.username != null && b.password != null
            ? "Basic " + Base64.getEncoder().encodeToString(
                (b.username + ":" + b.password).getBytes(StandardCharsets.UTF_8))
            : null;
        this.connectTimeoutMillis = b.connectTimeoutMillis;
        this.readTimeoutMillis = b.readTimeoutMillis;
        this.limits = b.limits;
    }

    /**
     * Starts building a client.
     *
     * @throws IllegalArgumentException if the URL is neither unix:// nor http://
     */
    public static Builder builder(String serverUrl) {
        return new Builder(ServerUrl.parse(serverUrl));
    }

    /** A client without credentials and default settings. */
    public static XmlRpcClient of(String serverUrl) {
        return builder(serverUrl).build();
    }

    public ServerUrl serverUrl() {
        return url;
    }

    /** Calls a method; see the class comment for what is thrown. */
    public Object call(String method, Object... params) throws IOException {
        return call(method, Arrays.asList(params));
    }

    /** Calls a method; see the class comment for what is thrown. */
    public Object call(String method, List<?> params) throws IOException {
        byte[] request = XmlRpcWriter.methodCall(method, params);
        byte[] response;
        synchronized (this) {
            HttpConnection.Response r = roundTrip("POST", RPC_PATH, request);
            if (r.status != 200) {
                dropConnection();
                throw new RpcHttpException(url + RPC_PATH, r.status, r.reason);
            }
            response = readBody(r);
        }
        return XmlRpcReader.parseResponse(response, limits);
    }

    /**
     * {@code system.multicall}: each result is the call's value, or an {@link RpcFault} object
     * (returned, not thrown) for a call that failed.
     *
     * @param calls built with {@link #methodCall(String, Object...)}
     */
    public List<Object> multicall(List<Map<String, Object>> calls) throws IOException {
        Object result = call("system.multicall", List.of(calls));
        if (!(result instanceof List)) {
            throw new IOException("system.multicall answered with something other than an array");
        }
        List<Object> out = new ArrayList<>();
        for (Object o : (List<?>) result) {
            if (o instanceof Map && ((Map<?, ?>) o).get("faultCode") instanceof Integer
                && ((Map<?, ?>) o).get("faultString") instanceof String && ((Map<?, ?>) o).size() == 2) {
                Map<?, ?> m = (Map<?, ?>) o;
                out.add(RpcFault.of((Integer) m.get("faultCode"), (String) m.get("faultString")));
            } else {
                out.add(o);
            }
        }
        return out;
    }

    /** One call for {@link #multicall}: {@code {'methodName': name, 'params': [...]}}. */
    public static Map<String, Object> methodCall(String name, Object... params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("methodName", name);
        m.put("params", Arrays.asList(params));
        return m;
    }

    /**
     * Sends any request on the shared connection and returns the whole response whatever
     * its status, for tests and tools (e.g. to see a 400 or 413).
     *
     * @param body the request body, or null for none
     */
    public HttpResult exchange(String method, String path, String contentType, byte[] body) throws IOException {
        synchronized (this) {
            HttpConnection.Response r = roundTrip(method, path, contentType, body);
            byte[] data = readBody(r);
            return new HttpResult(r.status, r.reason, r.headers, data);
        }
    }

    /**
     * GETs a streaming resource ({@code /logtail/<name>}, {@code /logtail/<name>/stderr},
     * {@code /mainlogtail}) on a new connection and returns its body as it arrives, chunked
     * coding removed. Closing the stream (from any thread) ends it; a read blocked at that
     * moment then sees end of stream.
     *
     * @throws RpcHttpException for a status other than 200 (404: no such process or no log)
     */
    public InputStream openStream(String path) throws IOException {
        HttpConnection c = HttpConnection.open(url, connectTimeoutMillis, 0);
        try {
            c.send("GET", path, headers(null), null);
            HttpConnection.Response r = c.readResponse();
            if (r.status != 200) {
                c.close();
                throw new RpcHttpException(url + path, r.status, r.reason);
            }
            return new StreamBody(r.body, c);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Closes the kept-alive connection, if any; the next call opens a new one. */
    @Override
    public synchronized void close() {
        dropConnection();
    }

    // ---- internals ----------------------------------------------------------------------

    private HttpConnection.Response roundTrip(String method, String path, byte[] body) throws IOException {
        return roundTrip(method, path, "text/xml", body);
    }

    /**
     * Sends on the kept connection; when the server had closed that connection (it answers
     * nothing at all), sends once more on a fresh one, as Python's xmlrpc client does.
     */
    private HttpConnection.Response roundTrip(String method, String path, String contentType, byte[] body)
        throws IOException {
        while (true) {
            boolean reused = conn != null;
            if (!reused) {
                conn = HttpConnection.open(url, connectTimeoutMillis, readTimeoutMillis);
            }
            try {
                conn.send(method, path, headers(body == null ? null : contentType), body);
                return conn.readResponse("HEAD".equals(method));
            } catch (HttpConnection.NoResponseException e) {
                dropConnection();
                if (!reused) {
                    throw e;
                }
            } catch (IOException e) {
                dropConnection();
                if (!reused || !isBrokenPipe(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isBrokenPipe(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("broken pipe") || m.contains("connection reset") || m.contains("connection abort");
    }

    private List<String[]> headers(String contentType) {
        List<String[]> h = new ArrayList<>(6);
        h.add(new String[] {"Host", url.hostHeader()});
        h.add(new String[] {"User-Agent", USER_AGENT});
        if (contentType != null) {
            h.add(new String[] {"Content-Type", contentType});
            h.add(new String[] {"Accept", "text/xml"});
        } else {
            h.add(new String[] {"Accept", "*/*"});
        }
        if (authorization != null) {
            h.add(new String[] {"Authorization", authorization});
        }
        return h;
    }

    private byte[] readBody(HttpConnection.Response r) throws IOException {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
            byte[] chunk = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = r.body.read(chunk)) >= 0) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw new IOException("response larger than " + limits.maxBytes() + " bytes");
                }
                buf.write(chunk, 0, n);
            }
            if (!r.keepAlive) {
                dropConnection();
            }
            return buf.toByteArray();
        } catch (IOException | RuntimeException e) {
            dropConnection();
            throw e;
        }
    }

    private void dropConnection() {
        if (conn != null) {
            conn.close();
            conn = null;
        }
    }

    /** A response body that owns its connection. */
    private static final class StreamBody extends InputStream {
        private final InputStream body;
        private final HttpConnection conn;

        StreamBody(InputStream body, HttpConnection conn) {
            this.body = body;
            this.conn = conn;
        }

        @Override
        public int read() throws IOException {
            try {
                return conn.isClosed() ? -1 : body.read();
            } catch (IOException e) {
                if (conn.isClosed()) {
                    return -1;
                }
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return conn.isClosed() ? -1 : body.read(b, off, len);
            } catch (IOException e) {
                if (conn.isClosed()) {
                    return -1;
                }
                throw e;
            }
        }

        @Override
        public int available() throws IOException {
            return conn.isClosed() ? 0 : body.available();
        }

        @Override
        public void close() {
            conn.close();
        }
    }

    /** Builder; not thread-safe. */
    public static final class Builder {
        private final ServerUrl url;
        private String username;
        private String password;
        private int connectTimeoutMillis = 30_000;
        private int readTimeoutMillis;
        private XmlRpcLimits limits = XmlRpcLimits.CLIENT;

        private Builder(ServerUrl url) {
            this.url = url;
        }

        /** HTTP Basic credentials, sent with every request when both are non-null. */
        public Builder credentials(String user, String pass) {
            this.username = user;
            this.password = pass;
            return this;
        }

        /** Connect timeout for TCP (unix sockets connect at once or fail). Default 30 s. */
        public Builder connectTimeoutMillis(int millis) {
            this.connectTimeoutMillis = millis;
            return this;
        }

        /**
         * Read timeout for TCP, 0 (the default) for none: {@code startProcess(name, true)}
         * legitimately waits for {@code startsecs}. Unix sockets have no read timeout.
         */
        public Builder readTimeoutMillis(int millis) {
            this.readTimeoutMillis = millis;
            return this;
        }

        public Builder limits(XmlRpcLimits l) {
            this.limits = Objects.requireNonNull(l);
            return this;
        }

        public XmlRpcClient build() {
            return new XmlRpcClient(this);
        }
    }
}
