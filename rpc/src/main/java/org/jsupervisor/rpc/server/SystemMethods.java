package org.jsupervisor.rpc.server;

import java.util.List;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.RpcFault;

/** The built-in {@code system} namespace of a {@link RpcDispatcher}. */
final class SystemMethods {
    private SystemMethods() {
    }

    static List<RpcMethod> create(RpcDispatcher d) {
        return List.of(
            RpcMethod.builder("system.listMethods").returns("array")
                .help("List the names of all methods this server offers.\n\n"
                    + "@return array result  method names, sorted")
                .handler(p -> d.methodNames())
                .build(),
            RpcMethod.builder("system.methodHelp").returns("string").param("string", "name")
                .help("Describe one method.\n\n"
                    + "@param string name  the method's name\n"
                    + "@return string result  its description")
                .handler(p -> lookup(d, p.get(0)).help())
                .build(),
            RpcMethod.builder("system.methodSignature").returns("array").param("string", "name")
                .help("Give a method's types as [return type, parameter types...].\n\n"
                    + "@param string name  the method's name\n"
                    + "@return array result  the type names")
                .handler(p -> {
                    RpcMethod m = lookup(d, p.get(0));
                    if (m.returnType() == null) {
                        throw new RpcFault(Faults.SIGNATURE_UNSUPPORTED);
                    }
                    return m.signature();
                })
                .build(),
            RpcMethod.builder("system.multicall").returns("array").param("array", "calls")
                .help("Run several calls in one request, in order. Each call is a struct "
                    + "{'methodName': string, 'params': array}; each result is the call's value, "
                    + "or a struct {'faultCode': int, 'faultString': string} when it failed.\n\n"
                    + "@param array calls  the calls\n"
                    + "@return array result  one result per call")
                .handler(p -> {
                    Object calls = p.get(0);
                    if (!(calls instanceof List)) {
                        throw new RpcFault(Faults.INCORRECT_PARAMETERS);
                    }
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) calls;
                    return d.multicall(list);
                })
                .build());
    }

    private static RpcMethod lookup(RpcDispatcher d, Object name) {
        RpcMethod m = name instanceof String ? d.method((String) name) : null;
        if (m == null) {
            throw new RpcFault(Faults.SIGNATURE_UNSUPPORTED);
        }
        return m;
    }
}
