package org.jsupervisor.rpc;

import java.util.List;

/**
 * A parsed {@code <methodCall>}.
 *
 * @param methodName the name as sent (not validated here)
 * @param params the parameters; an empty list when the request had no {@code <params>}
 */
public record MethodCall(String methodName, List<Object> params) {
    public MethodCall {
        params = java.util.Collections.unmodifiableList(params);
    }
}
