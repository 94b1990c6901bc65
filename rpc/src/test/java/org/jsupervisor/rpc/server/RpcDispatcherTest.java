package org.jsupervisor.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.rpc.XmlRpcLimits;
import org.jsupervisor.rpc.XmlRpcReader;
import org.jsupervisor.rpc.XmlRpcWriter;
import org.junit.jupiter.api.Test;

class RpcDispatcherTest {
    private final List<String> logged = new ArrayList<>();
    private final CompletableFuture<Object> pending = new CompletableFuture<>();

    private final RpcDispatcher rpc = RpcDispatcher.builder()
        .add(RpcMethod.builder("supervisor.getState").returns("struct").help("state").handler(
            p -> Map.of("statecode", 1, "statename", "RUNNING")).build())
        .add(RpcMethod.builder("supervisor.startProcess").returns("boolean").param("string", "name")
            .optionalParam("boolean", "wait").help("start").handler(p -> {
                String name = Params.string(p, 0);
                if (!name.equals("cat")) {
                    throw new RpcFault(Faults.BAD_NAME, name);
                }
                return Params.truthy(p, 1, true) ? pending : Boolean.TRUE;
            }).build())
        .add(RpcMethod.builder("test.boom").returns("int").handler(p -> {
            throw new IllegalStateException("kaput");
        }).build())
        .add(RpcMethod.builder("test.cast").returns("int").param("int", "x").handler(p -> (Integer) p.get(0) + 1)
            .build())
        .add(RpcMethod.builder("test.unmarshallable").handler(p -> new Object()).build())
        .add(RpcMethod.builder("test.failLater").returns("int").handler(
            p -> CompletableFuture.failedFuture(new RpcFault(Faults.SPAWN_ERROR, "cat"))).build())
        .log(new RpcLog() {
            @Override
            public void trace(String m) {
                logged.add("TRAC " + m);
            }

            @Override
            public void error(String m) {
                logged.add("ERRO " + m);
            }

            @Override
            public void critical(String m) {
                logged.add("CRIT " + m);
            }
        })
        .build();

    private RpcReply send(String method, Object... params) {
        return rpc.handle(XmlRpcWriter.methodCall(method, Arrays.asList(params))).getNow(null);
    }

    private static Object value(RpcReply reply) throws Exception {
        assertThat(reply.status()).isEqualTo(200);
        return XmlRpcReader.parseResponse(reply.body(), XmlRpcLimits.CLIENT);
    }

    private static RpcFault fault(RpcReply reply) {
        assertThat(reply.status()).isEqualTo(200);
        try {
            XmlRpcReader.parseResponse(reply.body(), XmlRpcLimits.CLIENT);
        } catch (RpcFault f) {
            return f;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no fault");
    }

    @Test
    void callsARegisteredMethodAndLogsItAsSupervisorDoes() throws Exception {
        assertThat(value(send("supervisor.getState"))).isEqualTo(Map.of("statecode", 1, "statename", "RUNNING"));
        assertThat(logged).containsExactly("TRAC XML-RPC method called: supervisor.getState()",
            "TRAC XML-RPC method supervisor.getState() returned successfully");
    }

    @Test
    void answersNamesOutsideTheTableWithUnknownMethod() {
        for (String name : List.of("supervisor.nope", "nope", "a.b.c", "supervisor._getGroup", "system._listMethods",
            "supervisor.getState.__class__", ".getState", "supervisor.", "supervisor..getState")) {
            RpcFault f = fault(send(name));
            assertThat(f.code()).as(name).isEqualTo(Faults.UNKNOWN_METHOD);
            assertThat(f.faultString()).isEqualTo("UNKNOWN_METHOD");
        }
    }

    @Test
    void refusesToRegisterNamesSupervisorWouldNeverDispatch() {
        for (String name : List.of("x", "a.b.c", "a._b", ".b", "a.")) {
            assertThatThrownBy(() -> RpcMethod.builder(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void answersAWrongNumberOfParametersWithIncorrectParameters() {
        assertThat(fault(send("supervisor.getState", 1)).faultString()).isEqualTo("INCORRECT_PARAMETERS");
        assertThat(fault(send("supervisor.startProcess")).code()).isEqualTo(Faults.INCORRECT_PARAMETERS);
        assertThat(fault(send("supervisor.startProcess", "cat", true, 3)).code())
            .isEqualTo(Faults.INCORRECT_PARAMETERS);
        assertThat(fault(send("supervisor.startProcess", 42)).code()).isEqualTo(Faults.INCORRECT_PARAMETERS);
        assertThat(fault(send("test.cast", "x")).code()).isEqualTo(Faults.INCORRECT_PARAMETERS);
    }

    @Test
    void answersAFaultWithSupervisorsFaultString() {
        RpcFault f = fault(send("supervisor.startProcess", "dog", false));
        assertThat(f.code()).isEqualTo(Faults.BAD_NAME);
        assertThat(f.faultString()).isEqualTo("BAD_NAME: dog");
        assertThat(logged).contains("TRAC XML-RPC method supervisor.startProcess() returned fault: [10] BAD_NAME: dog");
    }

    @Test
    void waitsForADeferredResultWithoutHoldingUpOtherCalls() throws Exception {
        CompletableFuture<RpcReply> slow = rpc.handle(XmlRpcWriter.methodCall("supervisor.startProcess", List.of("cat")));
        assertThat(slow).isNotDone();
        assertThat(value(send("supervisor.getState"))).isNotNull();
        pending.complete(Boolean.TRUE);
        assertThat(value(slow.get(5, TimeUnit.SECONDS))).isEqualTo(true);
        RpcFault later = fault(send("test.failLater"));
        assertThat(later.faultString()).isEqualTo("SPAWN_ERROR: cat");
    }

    @Test
    void answersUnexpectedFailuresWithHttp500AndLogsThemCritically() {
        assertThat(send("test.boom").status()).isEqualTo(500);
        assertThat(send("test.unmarshallable").status()).isEqualTo(500);
        assertThat(logged).anyMatch(l -> l.startsWith("CRIT Handling XML-RPC request with data \"<?xml version='1.0'?>\\n<methodCall>")
            && l.contains("kaput"));
    }

    @Test
    void answersUnreadableRequestsWithHttp400() {
        assertThat(rpc.handle("garbage".getBytes(StandardCharsets.UTF_8)).getNow(null).status()).isEqualTo(400);
        assertThat(logged).containsExactly("ERRO XML-RPC request data 'garbage' is invalid: unmarshallable");
        byte[] noName = "<methodCall><methodName></methodName></methodCall>".getBytes(StandardCharsets.UTF_8);
        assertThat(rpc.handle(noName).getNow(null).status()).isEqualTo(400);
        assertThat(logged.get(1)).endsWith("is invalid: no method name");
    }

    @Test
    void acceptsARequestWithoutParams() throws Exception {
        byte[] body = "<methodCall><methodName>supervisor.getState</methodName></methodCall>"
            .getBytes(StandardCharsets.UTF_8);
        assertThat(value(rpc.handle(body).getNow(null))).isInstanceOf(Map.class);
    }

    @Test
    void listsDescribesAndSignsMethods() throws Exception {
        assertThat(value(send("system.listMethods"))).isEqualTo(List.of("supervisor.getState",
            "supervisor.startProcess", "system.listMethods", "system.methodHelp", "system.methodSignature",
            "system.multicall", "test.boom", "test.cast", "test.failLater", "test.unmarshallable"));
        assertThat(value(send("system.methodHelp", "supervisor.startProcess"))).isEqualTo("start");
        assertThat(value(send("system.methodSignature", "supervisor.startProcess")))
            .isEqualTo(List.of("boolean", "string", "boolean"));
        assertThat(value(send("system.methodSignature", "system.multicall"))).isEqualTo(List.of("array", "array"));
        assertThat(fault(send("system.methodHelp", "nope.nope")).faultString()).isEqualTo("SIGNATURE_UNSUPPORTED");
        assertThat(fault(send("system.methodSignature", "nope.nope")).code()).isEqualTo(Faults.SIGNATURE_UNSUPPORTED);
        assertThat(fault(send("system.methodSignature", "test.unmarshallable")).code())
            .isEqualTo(Faults.SIGNATURE_UNSUPPORTED);
        assertThat(fault(send("system.methodHelp")).code()).isEqualTo(Faults.INCORRECT_PARAMETERS);
    }

    @Test
    void multicallAnswersEachCallInOrderWithFaultsAsStructs() throws Exception {
        List<Object> calls = List.of(
            Map.of("methodName", "supervisor.getState"),
            Map.of("methodName", "supervisor.startProcess", "params", List.of("dog")),
            Map.of("methodName", "system.multicall", "params", List.of(List.of())),
            Map.of("params", List.of()),
            Map.of("methodName", "a.b.c"),
            Map.of("methodName", "test.boom"),
            Map.of("methodName", "supervisor.getState", "params", List.of(1)),
            Map.of("methodName", "supervisor.startProcess", "params", List.of("cat", false)));
        Object result = value(send("system.multicall", calls));
        assertThat(result).isEqualTo(List.of(
            Map.of("statecode", 1, "statename", "RUNNING"),
            Map.of("faultCode", 10, "faultString", "BAD_NAME: dog"),
            Map.of("faultCode", 2, "faultString", "INCORRECT_PARAMETERS: Recursive system.multicall forbidden"),
            Map.of("faultCode", 2, "faultString", "INCORRECT_PARAMETERS: No methodName"),
            Map.of("faultCode", 1, "faultString", "UNKNOWN_METHOD"),
            Map.of("faultCode", 30, "faultString", "FAILED: java.lang.IllegalStateException:kaput"),
            Map.of("faultCode", 2, "faultString", "INCORRECT_PARAMETERS"),
            true));
    }

    @Test
    void multicallWaitsForDeferredResultsBeforeRunningLaterCalls() throws Exception {
        List<Object> calls = List.of(
            Map.of("methodName", "supervisor.startProcess", "params", List.of("cat", true)),
            Map.of("methodName", "test.failLater"),
            Map.of("methodName", "supervisor.getState"));
        CompletableFuture<RpcReply> reply = rpc.handle(XmlRpcWriter.methodCall("system.multicall", List.of(calls)));
        assertThat(reply).isNotDone();
        pending.complete(Boolean.TRUE);
        assertThat(value(reply.get(5, TimeUnit.SECONDS))).isEqualTo(List.of(true,
            Map.of("faultCode", 50, "faultString", "SPAWN_ERROR: cat"),
            Map.of("statecode", 1, "statename", "RUNNING")));
    }

    @Test
    void multicallWithSomethingOtherThanAnArrayIsIncorrectParameters() {
        assertThat(fault(send("system.multicall", "calls")).code()).isEqualTo(Faults.INCORRECT_PARAMETERS);
        assertThat(fault(send("system.multicall")).code()).isEqualTo(Faults.INCORRECT_PARAMETERS);
    }

    @Test
    void invokeCallsWithoutXml() throws Exception {
        assertThat(rpc.invoke("supervisor.startProcess", List.of("cat", false)).get()).isEqualTo(true);
        assertThatThrownBy(() -> rpc.invoke("x.y", List.of()).join()).hasCauseInstanceOf(RpcFault.class);
    }

    @Test
    void everyFaultCodeHasItsSupervisorName() {
        assertThat(Faults.all()).hasSize(18);
        assertThat(new RpcFault(Faults.ALREADY_STARTED, "foo").faultString()).isEqualTo("ALREADY_STARTED: foo");
        assertThat(new RpcFault(Faults.CANT_REREAD).faultString()).isEqualTo("CANT_REREAD");
        assertThat(new RpcFault(99, "x").faultString()).isEqualTo("UNKNOWN: x");
        assertThat(Faults.name(5)).isEqualTo("UNKNOWN");
    }
}
