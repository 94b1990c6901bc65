package org.jsupervisor.supervisord.engine;

import java.util.Optional;
import java.util.Set;
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

    /**
     * The {@code [rpcinterface:x]} factory names this control plane can build, for the config
     * loader: a name outside this set is refused when the file is read, naming the section.
     * Empty means "let the loader use its defaults".
     */
    default Optional<Set<String>> rpcInterfaceFactories() {
        return Optional.empty();
    }
}
