package org.jsupervisor.supervisord.http;

import org.jsupervisor.common.config.ConfigException;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.engine.ControlPlane;
import org.jsupervisor.supervisord.engine.ControlPlaneFactory;
import org.jsupervisor.supervisord.engine.Engine;

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
}
