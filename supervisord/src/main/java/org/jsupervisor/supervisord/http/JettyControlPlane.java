package org.jsupervisor.supervisord.http;

import java.util.List;

import org.jsupervisor.common.config.ConfigException;
import org.jsupervisor.common.config.RpcInterfaceConfig;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.rpc.server.RpcDispatcher;
import org.jsupervisor.rpc.server.RpcLog;
import org.jsupervisor.rpc.server.RpcMethod;
import org.jsupervisor.supervisord.engine.ControlPlane;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.rpc.RpcInterfaces;
import org.jsupervisor.webui.CsrfToken;
import org.jsupervisor.webui.WebUiHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * supervisord's control plane: the XML-RPC interface, the log tails and the web UI on the
 * configured HTTP servers. Built by {@link JettyControlPlaneFactory}.
 */
public final class JettyControlPlane implements ControlPlane {
    /** Marks log lines Supervisor writes at CRIT. */
    public static final Marker CRITICAL = SupervisorLog.CRITICAL;
    /** The main log's logger: only its lines follow the configured loglevel (trace included). */
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorLog.LOGGER_NAME);

    /** Null when the configuration has no HTTP server: then there is nothing to serve. */
    private final HttpServers servers;
    private final RpcHttpHandler rpc;
    private boolean closed;

    JettyControlPlane(SupervisorConfig config, Engine engine) throws ConfigException {
        List<RpcMethod> methods = RpcInterfaces.methods(config.rpcInterfaces(), engine,
                Thread.currentThread().getContextClassLoader());
        if (config.inetHttpServer().isEmpty() && config.unixHttpServer().isEmpty()) {
            // Like Supervisor without [inet_http_server] and [unix_http_server]: no server, and
            // no Jetty threads or start-up time spent for one.
            this.servers = null;
            this.rpc = null;
            return;
        }
        RpcDispatcher dispatcher = RpcDispatcher.builder().addAll(methods).log(new Slf4jRpcLog()).build();
        CsrfToken token = CsrfToken.random();
        TailSources tails = new EngineTailSources(engine);
        this.rpc = new RpcHttpHandler(dispatcher::handle, new CsrfPolicy(token::matches),
                (int) dispatcher.limits().maxBytes()); // the body limit is the codec's own
        Routes routes = new Routes(rpc, LogTailHandler.processLogs(tails), LogTailHandler.mainLog(tails),
                new WebUiHandler(token, new EngineStatusSource(engine)));
        this.servers = new HttpServers(config.inetHttpServer(), config.unixHttpServer(), routes,
                new MainLogStartup(config), line -> System.err.println(line));
    }

    @Override
    public void start() {
        if (servers != null) {
            servers.start();
        }
    }

    /** The bound TCP port, or -1 without {@code [inet_http_server]} (for tests using port 0). */
    public int inetPort() {
        return servers == null ? -1 : servers.inetPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (servers == null) {
            return;
        }
        try {
            rpc.awaitIdle(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        servers.close();
    }

    /** The lines written as each server opens go to the main log (INFO needs the main logger). */
    private static final class MainLogStartup implements StartupLog {
        private final SupervisorLog log = new SupervisorLog();
        private final List<String> names;

        MainLogStartup(SupervisorConfig config) {
            this.names = config.rpcInterfaces().stream().map(RpcInterfaceConfig::name).toList();
        }

        @Override
        public List<String> rpcInterfaces() {
            return names;
        }

        @Override
        public void info(String line) {
            log.info(line);
        }

        @Override
        public void critical(String line) {
            log.critical(line);
        }
    }

    /** Supervisor's XML-RPC log lines go to the daemon log through SLF4J. */
    private static final class Slf4jRpcLog implements RpcLog {
        @Override
        public void trace(String message) {
            LOG.trace(message);
        }

        @Override
        public void error(String message) {
            LOG.error(message);
        }

        @Override
        public void critical(String message) {
            LOG.error(CRITICAL, message);
        }
    }
}
