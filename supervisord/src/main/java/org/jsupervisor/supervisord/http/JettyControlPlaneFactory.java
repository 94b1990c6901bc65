package org.jsupervisor.supervisord.http;

import java.util.Optional;
import java.util.Set;
import org.jsupervisor.common.config.ConfigException;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.ControlPlane;
import org.jsupervisor.supervisord.engine.ControlPlaneFactory;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.rpc.RpcInterfaces;

/** The {@link ControlPlaneFactory} service supervisord finds with ServiceLoader. */
public final class JettyControlPlaneFactory implements ControlPlaneFactory {
    @Override
    public ControlPlane create(SupervisorConfig config, Engine engine) {
        try {
            return new JettyControlPlane(config, engine);
        } catch (ConfigException e) {
            throw new StartupRefused(e.getMessage(), e);
        }
    }

    @Override
    public Optional<Set<String>> rpcInterfaceFactories() {
        return Optional.of(RpcInterfaces.knownFactories(JettyControlPlaneFactory.class.getClassLoader()));
    }
}
