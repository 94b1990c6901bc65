package org.jsupervisor.supervisord.engine;

import org.jsupervisor.common.config.SupervisorConfig;

/**
 * Service-provider interface through which the HTTP layer plugs into supervisord.
 * Loaded with {@link java.util.ServiceLoader} from
 * {@code META-INF/services/org.jsupervisor.supervisord.engine.ControlPlaneFactory}; the first
 * one found is used; without one, supervisord runs without HTTP servers.
 */
public interface ControlPlaneFactory {

    /** Creates (not starts) the control plane for this configuration. */
    ControlPlane create(SupervisorConfig config, Engine engine);
}
