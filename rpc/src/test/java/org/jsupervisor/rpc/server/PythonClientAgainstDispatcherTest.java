package org.jsupervisor.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.RpcFault;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's own xmlrpc.client talks to the dispatcher behind a thin HTTP wrapper. */
class PythonClientAgainstDispatcherTest {
    @TempDir
    Path dir;

    @Test
    void pythonsXmlrpcClientGetsValuesFaultsAndMulticallResults() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")));
        RpcDispatcher rpc = RpcDispatcher.builder()
            .add(RpcMethod.builder("test.echo").returns("array").param("array", "values")
                .handler(p -> {
                    List<Object> out = new java.util.ArrayList<>(Params.array(p, 0));
                    out.add("\u0000bin\u001b"); // as from a binary log: not representable in XML
                    return out;
                }).build())
            .add(RpcMethod.builder("test.later").returns("string")
                .handler(p -> CompletableFuture.supplyAsync(() -> "done",
                    CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))).build())
            .add(RpcMethod.builder("test.bad").returns("boolean").param("string", "name")
                .handler(p -> {
                    throw new RpcFault(Faults.BAD_NAME, Params.string(p, 0));
                }).build())
            .build();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/RPC2", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            RpcReply reply = rpc.handle(body).join();
            ex.getResponseHeaders().set("Content-Type", RpcReply.CONTENT_TYPE);
            ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            ex.getResponseBody().write(reply.body());
            ex.close();
        });
        http.start();
        try {
            String script = String.join("\n",
                "import sys, xmlrpc.client as x",
                "p = x.ServerProxy(sys.argv[1], allow_none=True)",
                "print(p.test.echo([1, 'two', 3.5, True, None, {'k': [b'\\x00\\xff']}]))",
                "try:",
                "    p.test.echo(['\\x00'])",
                "except x.ProtocolError as e:",
                "    print(e.errcode)",
                "print(p.test.later())",
                "try:",
                "    p.test.bad('nosuch')",
                "except x.Fault as f:",
                "    print(f.faultCode, f.faultString)",
                "try:",
                "    p.supervisor.getState()",
                "except x.Fault as f:",
                "    print(f.faultCode, f.faultString)",
                "print(p.system.multicall([{'methodName': 'test.later'}, {'methodName': 'test.bad', 'params': ['x']},",
                "                          {'methodName': 'system.multicall', 'params': [[]]}]))",
                "print(p.system.methodSignature('test.echo'))",
                "try:",
                "    p.test.echo()",
                "except x.Fault as f:",
                "    print(f.faultCode, f.faultString)",
                "");
            Path file = dir.resolve("client.py");
            Files.writeString(file, script);
            Process proc = new ProcessBuilder("/usr/bin/python3", file.toString(),
                "http://127.0.0.1:" + http.getAddress().getPort() + "/RPC2").redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).as(out).contains("Binary object at 0x");
            assertThat(out.split("\n")).containsExactly(
                "[1, 'two', 3.5, True, None, {'k': [<xmlrpc.client.Binary object at "
                    + out.substring(out.indexOf("at 0x") + 3, out.indexOf(">]}")) + ">]}, '\uFFFDbin\uFFFD']",
                "400",
                "done",
                "10 BAD_NAME: nosuch",
                "1 UNKNOWN_METHOD",
                "['done', {'faultCode': 10, 'faultString': 'BAD_NAME: x'}, {'faultCode': 2, 'faultString': "
                    + "'INCORRECT_PARAMETERS: Recursive system.multicall forbidden'}]",
                "['array', 'array']",
                "2 INCORRECT_PARAMETERS");
        } finally {
            http.stop(0);
        }
    }
}
