package org.jsupervisor.supervisord.rpc;

import java.util.List;
import java.util.Map;

import org.jsupervisor.rpc.server.RpcMethod;
import org.jsupervisor.supervisord.engine.Engine;

/**
 * Java extension point for {@code [rpcinterface:x]} sections, the counterpart of
 * Supervisor's {@code supervisor.rpcinterface_factory = package.module:function}.
 *
 * <p>An implementation is found with {@link java.util.ServiceLoader} (list its class in
 * {@code META-INF/services/org.jsupervisor.supervisord.rpc.RpcInterfaceFactory} of a jar on
 * the daemon's class path). A section whose factory value equals {@link #factoryName()} gets
 * the methods {@link #create} returns. See docs/control-plane.md.
 */
public interface RpcInterfaceFactory {
    /** The {@code supervisor.rpcinterface_factory} value this factory answers to. */
    String factoryName();

    /**
     * Builds the interface's methods. Every method name must start with
     * {@code namespace + "."}; the dispatcher refuses duplicates.
     *
     * @param namespace the section name ({@code x} of {@code [rpcinterface:x]})
     * @param options   the section's other keys, as written
     * @param engine    the running engine (thread-safe, non-blocking facade)
     */
    List<RpcMethod> create(String namespace, Map<String, String> options, Engine engine);
}
