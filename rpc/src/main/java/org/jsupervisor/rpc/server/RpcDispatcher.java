package org.jsupervisor.rpc.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.jsupervisor.common.PyRepr;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.MethodCall;
import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.rpc.XmlRpcFormatException;
import org.jsupervisor.rpc.XmlRpcLimits;
import org.jsupervisor.rpc.XmlRpcReader;
import org.jsupervisor.rpc.XmlRpcWriter;

/**
 * Turns an XML-RPC request body into a reply, dispatching through an explicit method table
 * (never reflection: a dotted name that is not in the table is UNKNOWN_METHOD, which closes
 * the hole of CVE-2017-11610). Transport-free: the HTTP layer hands in the body and writes
 * out the {@link RpcReply}.
 *
 * <p>The {@code system} namespace ({@code listMethods}, {@code methodHelp},
 * {@code methodSignature}, {@code multicall}) is built in and answers as Supervisor's does.
 *
 * <p>Threading: immutable once built; {@link #handle} may be called from any number of
 * threads at once. Handlers run on the calling thread; a handler that must wait returns a
 * {@code CompletionStage} and the reply completes on whichever thread completes it.
 *
 * <pre>{@code
 * RpcDispatcher rpc = RpcDispatcher.builder()
 *     .add(RpcMethod.builder("supervisor.getState").returns("struct")
 *         .help("Current state of supervisord.").handler(p -> stateStruct()).build())
 *     .log(myLog)
 *     .build();
 * rpc.handle(bodyBytes).thenAccept(reply -> send(reply.status(), reply.body()));
 * }</pre>
 */
public final class RpcDispatcher {
    private static final String MULTICALL = "system.multicall";

    private final Map<String, RpcMethod> methods;
    private final List<String> sortedNames;
    private final RpcLog log;
    private final XmlRpcLimits limits;

    private RpcDispatcher(Builder b) {
        Map<String, RpcMethod> all = new LinkedHashMap<>(b.methods);
        for (RpcMethod m : SystemMethods.create(this)) {
            if (all.putIfAbsent(m.name(), m) != null) {
                throw new IllegalArgumentException(m.name() + " is built in");
            }
        }
        this.methods = Collections.unmodifiableMap(all);
        List<String> names = new ArrayList<>(all.keySet());
        Collections.sort(names);
        this.sortedNames = Collections.unmodifiableList(names);
        this.log = b.log;
        this.limits = b.limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every method name, sorted, the {@code system} ones included. */
    public List<String> methodNames() {
        return sortedNames;
    }

    /**
     * The limits requests are read with. An HTTP layer should answer 413 before reading a
     * body whose Content-Length exceeds {@code limits().maxBytes()}; a bigger body that
     * reaches {@link #handle} anyway is answered with 400.
     */
    public XmlRpcLimits limits() {
        return limits;
    }

    /** The method registered under {@code name}, or null. */
    public RpcMethod method(String name) {
        return methods.get(name);
    }

    /**
     * Answers one request body. The future never completes exceptionally: unreadable
     * requests give status 400, unexpected handler failures 500, everything else 200 with a
     * response or fault document.
     */
    public CompletableFuture<RpcReply> handle(byte[] body) {
        MethodCall call;
        try {
            call = XmlRpcReader.parseCall(body, limits);
        } catch (XmlRpcFormatException e) {
            log.error("XML-RPC request data " + reprOf(body) + " is invalid: unmarshallable");
            return CompletableFuture.completedFuture(RpcReply.error(400));
        }
        String name = call.methodName();
        if (name.isEmpty()) {
            log.error("XML-RPC request data " + reprOf(body) + " is invalid: no method name");
            return CompletableFuture.completedFuture(RpcReply.error(400));
        }
        log.trace("XML-RPC method called: " + name + "()");
        return invoke(name, call.params()).handle((value, failure) -> {
            if (failure == null) {
                log.trace("XML-RPC method " + name + "() returned successfully");
                return reply(() -> XmlRpcWriter.response(value), body);
            }
            Throwable t = unwrap(failure);
            if (t instanceof RpcFault) {
                RpcFault f = (RpcFault) t;
                log.trace("XML-RPC method " + name + "() returned fault: [" + f.code() + "] " + f.faultString());
                return reply(() -> XmlRpcWriter.fault(f), body);
            }
            return internalError(body, t);
        });
    }

    private RpcReply reply(java.util.function.Supplier<byte[]> writer, byte[] request) {
        try {
            return RpcReply.ok(writer.get());
        } catch (RuntimeException e) {
            // A handler returned something XML-RPC cannot carry (as Python's dumps raising).
            return internalError(request, e);
        }
    }

    private RpcReply internalError(byte[] request, Throwable t) {
        java.io.StringWriter trace = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(trace));
        log.critical("Handling XML-RPC request with data " + reprOf(request)
            + " raised an unexpected exception: " + trace);
        return RpcReply.error(500);
    }

    /**
     * Calls a method by name, as the wire would (same checks, same faults), without XML.
     * The future completes with the result, or exceptionally with an {@link RpcFault} or
     * the handler's unexpected exception.
     */
    public CompletableFuture<Object> invoke(String name, List<Object> params) {
        RpcMethod m = methods.get(name);
        if (m == null) {
            return CompletableFuture.failedFuture(new RpcFault(Faults.UNKNOWN_METHOD));
        }
        if (params.size() < m.requiredParams() || params.size() > m.maxParams()) {
            return CompletableFuture.failedFuture(new RpcFault(Faults.INCORRECT_PARAMETERS));
        }
        Object result;
        try {
            result = m.handler().call(params);
        } catch (ClassCastException e) {
            return CompletableFuture.failedFuture(new RpcFault(Faults.INCORRECT_PARAMETERS));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        if (result instanceof CompletionStage) {
            CompletableFuture<Object> out = new CompletableFuture<>();
            ((CompletionStage<?>) result).whenComplete((v, t) -> {
                if (t == null) {
                    out.complete(v);
                } else {
                    Throwable u = unwrap(t);
                    out.completeExceptionally(u instanceof ClassCastException
                        ? new RpcFault(Faults.INCORRECT_PARAMETERS) : u);
                }
            });
            return out;
        }
        return CompletableFuture.completedFuture(result);
    }

    /**
     * Runs {@code system.multicall}: the calls in order, each waiting for the previous one
     * to finish (a deferred result holds back the rest, as in Supervisor). Each result is the
     * bare value (Supervisor does not wrap it in a one-element array) or a
     * {@code {faultCode, faultString}} struct.
     */
    CompletableFuture<Object> multicall(List<Object> calls) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        runCalls(calls, 0, new ArrayList<>(calls.size()), done);
        return done;
    }

    private void runCalls(List<Object> calls, int from, List<Object> results, CompletableFuture<Object> done) {
        for (int i = from; i < calls.size(); i++) {
            CompletableFuture<Object> one = oneOfMany(calls.get(i));
            if (!one.isDone()) {
                int next = i + 1;
                one.whenComplete((v, t) -> {
                    results.add(v);
                    runCalls(calls, next, results, done);
                });
                return;
            }
            results.add(one.join());
        }
        done.complete(results);
    }

    /** One call inside a multicall; the future always completes normally. */
    private CompletableFuture<Object> oneOfMany(Object call) {
        CompletableFuture<Object> f;
        if (!(call instanceof Map)) {
            f = CompletableFuture.failedFuture(
                new RpcFault(Faults.INCORRECT_PARAMETERS, "call is not a struct"));
        } else {
            Map<?, ?> c = (Map<?, ?>) call;
            Object name = c.get("methodName");
            Object params = c.containsKey("params") ? c.get("params") : List.of();
            if (name == null) {
                f = CompletableFuture.failedFuture(new RpcFault(Faults.INCORRECT_PARAMETERS, "No methodName"));
            } else if (MULTICALL.equals(name)) {
                f = CompletableFuture.failedFuture(
                    new RpcFault(Faults.INCORRECT_PARAMETERS, "Recursive system.multicall forbidden"));
            } else if (!(name instanceof String)) {
                f = CompletableFuture.failedFuture(new RpcFault(Faults.UNKNOWN_METHOD));
            } else if (!(params instanceof List)) {
                f = CompletableFuture.failedFuture(new RpcFault(Faults.INCORRECT_PARAMETERS));
            } else {
                @SuppressWarnings("unchecked")
                List<Object> p = (List<Object>) params;
                f = invoke((String) name, p);
            }
        }
        return f.handle((v, t) -> t == null ? v : faultStruct(unwrap(t)));
    }

    private static Map<String, Object> faultStruct(Throwable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (t instanceof RpcFault) {
            m.put("faultCode", ((RpcFault) t).code());
            m.put("faultString", ((RpcFault) t).faultString());
        } else {
            m.put("faultCode", Faults.FAILED);
            m.put("faultString", "FAILED: " + t.getClass().getName() + ":" + t.getMessage());
        }
        return m;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Builder; not thread-safe. */
    public static final class Builder {
        private final Map<String, RpcMethod> methods = new LinkedHashMap<>();
        private RpcLog log = RpcLog.NONE;
        private XmlRpcLimits limits = XmlRpcLimits.SERVER;

        private Builder() {
        }

        /** Registers a method; a name registered twice is an error. */
        public Builder add(RpcMethod m) {
            if (methods.putIfAbsent(m.name(), m) != null) {
                throw new IllegalArgumentException("method registered twice: " + m.name());
            }
            return this;
        }

        public Builder addAll(Iterable<RpcMethod> ms) {
            for (RpcMethod m : ms) {
                add(m);
            }
            return this;
        }

        public Builder log(RpcLog l) {
            this.log = Objects.requireNonNull(l);
            return this;
        }

        public Builder limits(XmlRpcLimits l) {
            this.limits = Objects.requireNonNull(l);
            return this;
        }

        public RpcDispatcher build() {
            return new RpcDispatcher(this);
        }
    }

    /** Python's {@code %r} of the request text, for log lines that match Supervisor's. */
    private static String reprOf(byte[] body) {
        return PyRepr.of(new String(body, StandardCharsets.UTF_8));
    }
}
