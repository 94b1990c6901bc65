package org.jsupervisor.rpc;

/**
 * Thrown inside the reader for XML-RPC (not XML) errors; {@link XmlRpcReader} turns it into
 * an {@link XmlRpcFormatException} and it never escapes the package.
 */
final class FormatError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FormatError(String message) {
        super(message, null, false, false);
    }
}
