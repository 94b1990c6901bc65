package org.jsupervisor.rpc;

/**
 * Bounds applied while reading a document from an untrusted peer.
 *
 * @param maxBytes largest document accepted, in bytes
 * @param maxDepth deepest nesting of arrays and structs accepted (1 = a flat array)
 */
public record XmlRpcLimits(long maxBytes, int maxDepth) {
    /** Requests a server accepts: 2 MiB, 64 levels (Supervisor's own calls nest 3 levels). */
    public static final XmlRpcLimits SERVER = new XmlRpcLimits(2L * 1024 * 1024, 64);
    /**
     * Responses a client accepts: log reads can legitimately be large
     * ({@code readProcessStdoutLog(name, 0, 0)} returns the whole file), so 256 MiB.
     */
    public static final XmlRpcLimits CLIENT = new XmlRpcLimits(256L * 1024 * 1024, 64);

    public XmlRpcLimits {
        if (maxBytes <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
