package org.jsupervisor.common.config;

import java.util.Map;

/**
 * An {@code [rpcinterface:x]} section: the factory spec
 * ({@code supervisor.rpcinterface:make_main_rpcinterface}) and its extra keys.
 */
public record RpcInterfaceConfig(String name, String factory, Map<String, String> options) {
    public RpcInterfaceConfig {
        options = Map.copyOf(options);
    }
}
