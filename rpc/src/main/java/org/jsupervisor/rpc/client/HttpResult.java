package org.jsupervisor.rpc.client;

import java.util.List;
import java.util.Map;

/**
 * A complete HTTP response, whatever its status (for tests and tools that want to see
 * 400s, 401s and headers rather than exceptions).
 *
 * @param status the status code
 * @param reason the reason phrase
 * @param headers header names in lower case → values in order received
 * @param body the decoded body (chunked transfer coding removed)
 */
public record HttpResult(int status, String reason, Map<String, List<String>> headers, byte[] body) {
    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
