package org.jsupervisor.rpc;

/**
 * An XML-RPC fault: a code and a fault string.
 *
 * <p>On the server, handlers throw it to answer with a fault; {@link #RpcFault(int, String)}
 * builds the string the way Supervisor does ({@code BAD_NAME: foo}, or just the name when
 * there is no detail). On the client, a fault read from a response is thrown as an
 * {@code RpcFault} carrying the server's string verbatim ({@link #of(int, String)}).
 *
 * <p>Unchecked so that it passes through {@code CompletableFuture} stages and lambdas.
 */
public class RpcFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String faultString;

    /** A fault whose string is just the code's name, e.g. {@code UNKNOWN_METHOD}. */
    public RpcFault(int code) {
        this(code, null);
    }

    /** A fault whose string is {@code NAME: detail}, or {@code NAME} when detail is null. */
    public RpcFault(int code, String detail) {
        this(code, detail == null ? Faults.name(code) : Faults.name(code) + ": " + detail, true);
    }

    private RpcFault(int code, String faultString, boolean unused) {
        super(faultString, null, false, false);
        this.code = code;
        this.faultString = faultString;
    }

    /** A fault with the given string taken as is (e.g. as read from the wire). */
    public static RpcFault of(int code, String faultString) {
        return new RpcFault(code, faultString == null ? "" : faultString, true);
    }

    public int code() {
        return code;
    }

    public String faultString() {
        return faultString;
    }

    @Override
    public String toString() {
        return "RpcFault[" + code + "] " + faultString;
    }
}
