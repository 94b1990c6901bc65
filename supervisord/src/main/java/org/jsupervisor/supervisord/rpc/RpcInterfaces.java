package org.jsupervisor.supervisord.rpc;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.jsupervisor.common.config.ConfigException;
import org.jsupervisor.common.config.LoadContext;
import org.jsupervisor.common.config.RpcInterfaceConfig;
import org.jsupervisor.rpc.server.RpcMethod;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.logging.SupervisorLog;

/**
 * Builds the method table from the configuration's {@code [rpcinterface:x]} sections: the
 * standard factory is built in, others come from {@link RpcInterfaceFactory} services.
 * As in Supervisor, a configuration without any such section serves only {@code system.*}.
 */
public final class RpcInterfaces {
    private RpcInterfaces() {
    }

    /** The factory names this daemon can build: give them to the config loader's LoadContext. */
    public static Set<String> knownFactories(ClassLoader loader) {
        return factories(loader).keySet();
    }

    /** Every method of every configured interface. */
    public static List<RpcMethod> methods(List<RpcInterfaceConfig> sections, Engine engine, ClassLoader loader)
            throws ConfigException {
        Map<String, RpcInterfaceFactory> known = factories(loader);
        List<RpcMethod> out = new ArrayList<>();
        for (RpcInterfaceConfig section : sections) {
            RpcInterfaceFactory f = known.get(section.factory());
            if (f == null) {
                throw new ConfigException(section.factory() + " cannot be resolved within [rpcinterface:"
                        + section.name() + "]: known factories are " + String.join(", ", known.keySet()));
            }
            try {
                out.addAll(f.create(section.name(), section.options(), engine));
            } catch (RuntimeException e) {
                // Supervisor logs the factory's traceback at WARN and refuses to start with
                // this usage message.
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                new SupervisorLog().warn(trace.toString().stripTrailing());
                throw new ConfigException("Could not make " + section.name() + " rpc interface", e);
            }
        }
        return out;
    }

    private static Map<String, RpcInterfaceFactory> factories(ClassLoader loader) {
        Map<String, RpcInterfaceFactory> m = new LinkedHashMap<>();
        m.put(LoadContext.MAIN_RPC_FACTORY, new MainFactory());
        for (RpcInterfaceFactory f : ServiceLoader.load(RpcInterfaceFactory.class, loader)) {
            m.putIfAbsent(f.factoryName(), f);
        }
        return m;
    }

    /** Supervisor's {@code make_main_rpcinterface}. */
    private static final class MainFactory implements RpcInterfaceFactory {
        @Override
        public String factoryName() {
            return LoadContext.MAIN_RPC_FACTORY;
        }

        @Override
        public List<RpcMethod> create(String namespace, Map<String, String> options, Engine engine) {
            return SupervisorNamespace.methods(namespace, engine, ZoneId.systemDefault());
        }
    }
}
