package org.jsupervisor.supervisorctl.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.rpc.client.RpcConnectException;
import org.jsupervisor.rpc.client.RpcHttpException;
import org.jsupervisor.rpc.client.XmlRpcClient;
import org.jsupervisor.supervisorctl.ClientSettings;

/**
 * {@link ServerConnection} on the rpc module's {@link XmlRpcClient} (JDK sockets, plain
 * XML-RPC values, hardened parsing), translating its exceptions into the distinctions
 * supervisorctl prints.
 */
public final class RpcClientConnection implements ServerConnection {
    /** What Supervisor's client reports when writing a followed log to a closed pipe fails. */
    static final String BROKEN_PIPE = "Cannot connect, error: <class 'BrokenPipeError'> ([Errno 32] Broken pipe)";

    private final String serverUrl;
    private final String username;
    private final String password;
    private XmlRpcClient client;

    public RpcClientConnection(ClientSettings s) {
        this.serverUrl = s.serverUrl();
        this.username = s.username().orElse(null);
        this.password = s.password().orElse(null);
    }

    /** Makes connections for the controller (a class, not a lambda: start-up time). */
    public static final class Factory implements Function<ClientSettings, ServerConnection> {
        @Override
        public ServerConnection apply(ClientSettings s) {
            return new RpcClientConnection(s);
        }
    }

    /** Created on first use, so that a bad URL is reported by the command that uses it. */
    private XmlRpcClient client() {
        if (client == null) {
            if (!serverUrl.startsWith("unix://") && !serverUrl.startsWith("http://")) {
                throw new IllegalArgumentException("Unknown protocol for serverurl " + serverUrl);
            }
            XmlRpcClient.Builder b = XmlRpcClient.builder(serverUrl);
            if (username != null && password != null) {
                b.credentials(username, password);
            }
            client = b.build();
        }
        return client;
    }

    @Override
    public Object call(String method, Object... params) throws ServerException {
        try {
            return client().call(method, params);
        } catch (RpcFault f) {
            throw new ServerException.Fault(f.code(), f.faultString());
        } catch (RpcConnectException e) {
            throw unreachable(e);
        } catch (RpcHttpException e) {
            if (e.isUnauthorized()) {
                throw new ServerException.AuthRequired();
            }
            throw new ServerException.BadStatus(e.status(), e.reason());
        } catch (IOException e) {
            throw new ServerException.Protocol(String.valueOf(e.getMessage()), e);
        }
    }

    private static ServerException.Unreachable unreachable(RpcConnectException e) {
        switch (e.kind()) {
            case REFUSED:
                return new ServerException.Unreachable(ServerException.Unreachable.Kind.REFUSED,
                        "Connection refused", e);
            case NO_SUCH_FILE:
                return new ServerException.Unreachable(ServerException.Unreachable.Kind.NO_SUCH_FILE,
                        "No such file or directory", e);
            case PERMISSION_DENIED:
                return new ServerException.Unreachable(ServerException.Unreachable.Kind.OTHER,
                        "[Errno 13] Permission denied", e);
            default:
                return new ServerException.Unreachable(ServerException.Unreachable.Kind.OTHER,
                        e.getMessage(), e);
        }
    }

    @Override
    public Stream stream(String path, OutputStream sink, Consumer<String> errors) {
        LogStream s = new LogStream(path, sink, errors);
        s.thread.start();
        return s;
    }

    /** One GET copied to the sink on its own thread until it ends or is closed. */
    private final class LogStream implements Stream {
        private final Thread thread;
        private volatile InputStream body;
        private volatile boolean closed;

        LogStream(String path, OutputStream sink, Consumer<String> errors) {
            thread = new Thread(() -> copy(path, sink, errors), "logtail " + path);
            thread.setDaemon(true);
        }

        private void copy(String path, OutputStream sink, Consumer<String> errors) {
            try {
                body = client().openStream(path);
                if (closed) {
                    body.close();
                    return;
                }
                byte[] buf = new byte[8192];
                for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
                    try {
                        sink.write(buf, 0, n);
                        sink.flush();
                    } catch (IOException e) {
                        // Our own output is gone (stdout piped into `head`, say): stop, as
                        // Supervisor's client does when its write fails with EPIPE.
                        if (!closed) {
                            errors.accept(BROKEN_PIPE);
                        }
                        return;
                    }
                }
            } catch (RpcHttpException e) {
                // Supervisor's client prints the URL and this, then stops following.
                errors.accept("Cannot read, status code " + e.status());
            } catch (RpcConnectException e) {
                ServerException.Unreachable u = unreachable(e);
                String cls = u.kind() == ServerException.Unreachable.Kind.REFUSED
                        ? "ConnectionRefusedError"
                        : u.kind() == ServerException.Unreachable.Kind.NO_SUCH_FILE
                        ? "FileNotFoundError" : "OSError";
                errors.accept("Cannot connect, error: <class '" + cls + "'> (" + u.getMessage() + ")");
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    errors.accept("Cannot read, error: " + e.getMessage());
                }
            }
        }

        @Override
        public void await() throws InterruptedException {
            thread.join();
        }

        @Override
        public void close() {
            closed = true;
            InputStream b = body;
            if (b != null) {
                try {
                    b.close();
                } catch (IOException ignored) {
                    // Already closed: nothing to release.
                }
            }
        }
    }
}
