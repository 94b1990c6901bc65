package org.jsupervisor.rpc.server;

import java.util.List;

/**
 * The code behind one XML-RPC method.
 *
 * <p>Returns the result value (see {@link org.jsupervisor.rpc.XmlRpcWriter} for the Java
 * types allowed), or a {@link java.util.concurrent.CompletionStage} of it when the answer is
 * not ready yet (e.g. {@code startProcess(name, true)} waiting for RUNNING): the
 * dispatcher then answers when the stage completes, without holding a thread.
 *
 * <p>Throw (or complete the stage with) an {@link org.jsupervisor.rpc.RpcFault} to answer
 * with a fault. A {@link ClassCastException} is answered as INCORRECT_PARAMETERS, the way
 * Supervisor answers a Python {@code TypeError}; any other exception is an internal error
 * (HTTP 500 at top level, a FAILED entry inside {@code system.multicall}).
 *
 * <p>The parameter count has already been checked against the method's declaration; the
 * parameter types have not (use {@link Params}).
 */
@FunctionalInterface
public interface RpcHandler {
    Object call(List<Object> params) throws Exception;
}
