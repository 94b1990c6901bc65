package org.jsupervisor.supervisord.http;

import java.net.BindException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.jetty.util.HostPort;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jsupervisor.common.PyRepr;
import org.jsupervisor.common.config.HttpServerConfig;
import org.jsupervisor.common.config.InetHttpServerConfig;
import org.jsupervisor.common.config.UnixHttpServerConfig;
import org.jsupervisor.supervisord.engine.CommandLine;

/**
 * The embedded Jetty server: one {@link Server}, one small thread pool, one connector per
 * configured section ({@code [inet_http_server]} over TCP, {@code [unix_http_server]} over
 * a unix socket), every connector in front of the same handler tree behind one
 * {@link AuthGate}.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} once (idempotent). Not thread-safe.
 */
public final class HttpServers implements AutoCloseable {
    public static final String INET = "inet_http_server";
    public static final String UNIX = "unix_http_server";
    /**
     * Threads: up to 2 acceptors + 2 selectors + request work; handlers never block. Ten keeps
     * the whole daemon within 32 threads (the JVM's own ~18 + engine, reaper, child I/O and
     * events) however many clients call at once.
     */
    static final int MAX_THREADS = 10;
    /**
     * Idle connections are closed after 30 minutes, as Supervisor's HTTP server does. Shorter
     * would break clients: Supervisor's SupervisorTransport keeps one connection open and does
     * not retry when the server has closed it, so an idle {@code supervisorctl} shell would
     * fail its next command. Idle connections cost a file descriptor, never a thread.
     */
    static final long IDLE_TIMEOUT_MS = 30 * 60 * 1000L;

    private final Optional<InetHttpServerConfig> inet;
    private final Optional<UnixHttpServerConfig> unix;
    private final Server server;
    private final StartupLog startupLog;
    private final Consumer<String> stderrNotice;
    private ServerConnector inetConnector;
    private UnixSocketFile socketFile;

    /**
     * @param routes       the shared handler tree (without authentication)
     * @param startupLog   receives the main-log lines Supervisor writes as each server opens
     * @param stderrNotice receives lines Supervisor writes to stderr (stale socket removal)
     */
    public HttpServers(Optional<InetHttpServerConfig> inet, Optional<UnixHttpServerConfig> unix, Handler routes,
            StartupLog startupLog, Consumer<String> stderrNotice) {
        skipJmxProbe();
        this.inet = inet;
        this.unix = unix;
        this.startupLog = startupLog;
        this.stderrNotice = stderrNotice;
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2);
        pool.setName("jsv-http");
        pool.setReservedThreads(0);
        this.server = new Server(pool);
        server.setStopTimeout(2000);
        // Protocol-level errors (bad request line, oversized headers) never show internals.
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        server.setErrorHandler(errors);
        Map<String, Optional<Credentials>> auth = new LinkedHashMap<>();
        inet.ifPresent(c -> auth.put(INET, credentialsOf(c)));
        unix.ifPresent(c -> auth.put(UNIX, credentialsOf(c)));
        server.setHandler(new AuthGate(auth, routes));
    }

    /** Jetty's system property that, when set, spares it the JMX probe below. */
    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    /**
     * Jetty's thread pool pads counters to a cache line, and to size the padding it asks the
     * platform MBean server whether references are compressed. Starting the JMX platform
     * (about a hundred classes, MXBean introspection) costs supervisord a noticeable part of
     * its start-up for a padding hint, so we answer for it, as its property allows: the JVM's
     * default heaps use compressed references (4 bytes), the default cache line is 64 bytes.
     * Must run before Jetty's {@code MemoryUtils} is first used; a value given with
     * {@code -D} wins.
     */
    static void skipJmxProbe() {
        int cacheLineBytes = Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64);
        System.getProperties().putIfAbsent(REFERENCES_PER_CACHE_LINE, String.valueOf(Math.max(1, cacheLineBytes / 4)));
    }

    static Optional<Credentials> credentialsOf(HttpServerConfig c) {
        return c.username().filter(u -> !u.isEmpty()).map(u -> new Credentials(u, c.password().orElse("")));
    }

    /** Opens every configured server, or none: on failure everything opened is closed again. */
    public void start() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        try {
            if (inet.isPresent()) {
                InetHttpServerConfig c = inet.get();
                inetConnector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
                inetConnector.setName(INET);
                inetConnector.setHost(c.host() == null || c.host().isEmpty() || c.host().equals("*") ? null : c.host());
                inetConnector.setPort(c.port());
                inetConnector.setIdleTimeout(IDLE_TIMEOUT_MS);
                server.addConnector(inetConnector);
            }
            UnixDomainServerConnector unixConnector = null;
            if (unix.isPresent()) {
                socketFile = UnixSocketFile.stage(Path.of(unix.get().file()));
                // A unix socket has no host name: without a Host header (HTTP/1.0), Jetty
                // would fail to build the request URI and answer 400.
                HttpConfiguration local = new HttpConfiguration(http);
                local.setServerAuthority(new HostPort("localhost"));
                unixConnector = new UnixDomainServerConnector(server, 1, 1, new BlankHostRepair(),
                        new HttpConnectionFactory(local));
                unixConnector.setName(UNIX);
                unixConnector.setUnixDomainPath(socketFile.bindPath());
                unixConnector.setIdleTimeout(IDLE_TIMEOUT_MS);
                server.addConnector(unixConnector);
            }
            try {
                server.start();
            } catch (Exception e) {
                if (hasCause(e, BindException.class)) {
                    throw new StartupRefused(StartupRefused.IN_USE, e);
                }
                throw new StartupRefused("Cannot open an HTTP server: " + e, e);
            }
            // Supervisor opens its servers one by one and logs as each one opens: when the
            // unix socket turns out to be in use, the TCP server's lines are already written.
            inet.ifPresent(c -> announce(INET, c));
            if (socketFile != null) {
                UnixHttpServerConfig c = unix.get();
                socketFile.publish(c.chmod(), c.chownUid(), c.chownGid(), stderrNotice);
                socketFile.removeStaging();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        unix.ifPresent(c -> announce(UNIX, c));
    }

    private void announce(String section, HttpServerConfig c) {
        for (String name : startupLog.rpcInterfaces()) {
            startupLog.info("RPC interface " + PyRepr.of(name) + " initialized");
        }
        if (credentialsOf(c).isEmpty()) {
            startupLog.critical("Server '" + section + "' running without any HTTP authentication checking");
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            for (Throwable s : c.getSuppressed()) {
                if (hasCause(s, type)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The TCP port actually bound (useful when the configuration says port 0). */
    public int inetPort() {
        return inetConnector == null ? -1 : inetConnector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping is best effort; the socket file is cleaned below regardless
        }
        if (socketFile != null) {
            socketFile.unpublish();
        }
    }
}
