package org.jsupervisor.rpc.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the dispatcher's method table: a {@code namespace.method} name, the declared
 * parameters (the last ones may be optional, like Supervisor's {@code wait=True}), the
 * return type, the help text and the handler.
 *
 * <p>Immutable. Build with {@link #builder(String)}:
 * <pre>{@code
 * RpcMethod start = RpcMethod.builder("supervisor.startProcess")
 *     .returns("boolean").param("string", "name").optionalParam("boolean", "wait")
 *     .help("Start a process; with wait, answer once it is running.")
 *     .handler(params -> engine.start(Params.string(params, 0), Params.truthy(params, 1, true)))
 *     .build();
 * }</pre>
 */
public final class RpcMethod {
    private final String name;
    private final String returnType;
    private final List<String> paramTypes;
    private final List<String> paramNames;
    private final int requiredParams;
    private final String help;
    private final RpcHandler handler;

    private RpcMethod(Builder b) {
        this.name = b.name;
        this.returnType = b.returnType;
        this.paramTypes = Collections.unmodifiableList(new ArrayList<>(b.paramTypes));
        this.paramNames = Collections.unmodifiableList(new ArrayList<>(b.paramNames));
        this.requiredParams = b.requiredParams;
        this.help = b.help;
        this.handler = b.handler;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** XML-RPC type name of the result ({@code boolean}, {@code struct}, ...), or null if undeclared. */
    public String returnType() {
        return returnType;
    }

    public List<String> paramTypes() {
        return paramTypes;
    }

    public List<String> paramNames() {
        return paramNames;
    }

    public int requiredParams() {
        return requiredParams;
    }

    public int maxParams() {
        return paramTypes.size();
    }

    public String help() {
        return help;
    }

    public RpcHandler handler() {
        return handler;
    }

    /**
     * What {@code system.methodSignature} answers: {@code [returnType, paramType...]} with
     * every declared parameter (optional ones included), as Supervisor answers.
     */
    public List<String> signature() {
        List<String> sig = new ArrayList<>();
        sig.add(returnType);
        sig.addAll(paramTypes);
        return sig;
    }

    /** Builder; not thread-safe. */
    public static final class Builder {
        private final String name;
        private String returnType;
        private final List<String> paramTypes = new ArrayList<>();
        private final List<String> paramNames = new ArrayList<>();
        private int requiredParams;
        private String help = "";
        private RpcHandler handler;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            int dot = name.indexOf('.');
            // Exactly namespace.method; a leading underscore marks a private method in
            // Supervisor, which it never dispatches.
            if (dot <= 0 || dot == name.length() - 1 || name.indexOf('.', dot + 1) >= 0
                || name.charAt(dot + 1) == '_') {
                throw new IllegalArgumentException("method name must be namespace.method: " + name);
            }
            this.name = name;
        }

        public Builder returns(String type) {
            this.returnType = Objects.requireNonNull(type);
            return this;
        }

        /** A required parameter; must come before any optional one. */
        public Builder param(String type, String paramName) {
            if (requiredParams != paramTypes.size()) {
                throw new IllegalStateException("required parameter after an optional one in " + name);
            }
            paramTypes.add(Objects.requireNonNull(type));
            paramNames.add(Objects.requireNonNull(paramName));
            requiredParams++;
            return this;
        }

        /** A parameter the caller may leave out (the handler then sees a shorter list). */
        public Builder optionalParam(String type, String paramName) {
            paramTypes.add(Objects.requireNonNull(type));
            paramNames.add(Objects.requireNonNull(paramName));
            return this;
        }

        public Builder help(String text) {
            this.help = Objects.requireNonNull(text);
            return this;
        }

        public Builder handler(RpcHandler h) {
            this.handler = Objects.requireNonNull(h);
            return this;
        }

        public RpcMethod build() {
            if (handler == null) {
                throw new IllegalStateException("no handler for " + name);
            }
            return new RpcMethod(this);
        }
    }
}
