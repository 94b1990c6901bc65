package org.jsupervisor.supervisord.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jsupervisor.common.SupervisorState;
import org.jsupervisor.common.config.ConfigLoader;
import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.rpc.XmlRpcLimits;
import org.jsupervisor.rpc.XmlRpcReader;
import org.jsupervisor.rpc.XmlRpcWriter;
import org.jsupervisor.rpc.server.RpcDispatcher;
import org.jsupervisor.rpc.server.RpcReply;
import org.jsupervisor.supervisord.engine.ConfigDiff;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor.* methods against a scripted engine: results, faults, names, waits. */
class SupervisorNamespaceTest {
    static final String CONF = String.join("\n",
            "[supervisord]",
            "logfile=%(here)s/sd.log",
            "[rpcinterface:supervisor]",
            "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
            "[program:foo]",
            "command=/bin/cat",
            "[program:missing]",
            "command=/nonexistent/x",
            "[group:grp]",
            "programs=a,b",
            "[program:a]",
            "command=/bin/cat",
            "priority=5",
            "[program:b]",
            "command=/bin/cat",
            "") + "\n";

    @TempDir
    Path dir;
    FakeEngine engine;
    RpcDispatcher rpc;

    @BeforeEach
    void setUp() throws Exception {
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, CONF);
        engine = new FakeEngine(ConfigLoader.load(conf), dir);
        rpc = RpcDispatcher.builder().addAll(RpcInterfaces.methods(engine.config().rpcInterfaces(), engine,
                getClass().getClassLoader())).build();
    }

    Object call(String method, Object... params) throws Exception {
        try {
            return rpc.invoke(method, Arrays.asList(params)).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    void assertFault(String expected, String method, Object... params) {
        assertThatThrownBy(() -> call(method, params)).isInstanceOf(RpcFault.class)
                .extracting(t -> ((RpcFault) t).faultString()).isEqualTo(expected);
    }

    @Test
    void answersVersionsIdentityAndState() throws Exception {
        assertThat(call("supervisor.getAPIVersion")).isEqualTo("3.0");
        assertThat(call("supervisor.getVersion")).isEqualTo("3.0");
        assertThat(call("supervisor.getSupervisorVersion")).isEqualTo("4.2.5");
        assertThat(call("supervisor.getIdentification")).isEqualTo("supervisor");
        assertThat(call("supervisor.getState")).isEqualTo(Map.of("statecode", 1, "statename", "RUNNING"));
        assertThat(call("supervisor.getPID")).isEqualTo((int) ProcessHandle.current().pid());
    }

    @Test
    void refusesCallsWithShutdownStateOnceTheDaemonIsStopping() throws Exception {
        engine.state = SupervisorState.SHUTDOWN;
        assertFault("SHUTDOWN_STATE", "supervisor.getState");
        assertFault("SHUTDOWN_STATE", "supervisor.startProcess", "foo");
        assertThat(call("supervisor.sendRemoteCommEvent", "t", "d")).isEqualTo(true);
        assertThat(engine.remoteEvents).containsExactly("t|d");
    }

    @Test
    void listsEveryMethodOfTheApiIncludingOldAliases() throws Exception {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) call("system.listMethods");
        List<String> expected = List.of("addProcessGroup", "clearAllProcessLogs", "clearLog", "clearProcessLog",
                "clearProcessLogs", "getAPIVersion", "getAllConfigInfo", "getAllProcessInfo", "getIdentification",
                "getPID", "getProcessInfo", "getState", "getSupervisorVersion", "getVersion", "readLog",
                "readMainLog", "readProcessLog", "readProcessStderrLog", "readProcessStdoutLog", "reloadConfig",
                "removeProcessGroup", "restart", "sendProcessStdin", "sendRemoteCommEvent", "shutdown",
                "signalAllProcesses", "signalProcess", "signalProcessGroup", "startAllProcesses", "startProcess",
                "startProcessGroup", "stopAllProcesses", "stopProcess", "stopProcessGroup", "tailProcessLog",
                "tailProcessStderrLog", "tailProcessStdoutLog");
        assertThat(names).containsAll(expected.stream().map(n -> "supervisor." + n).toList())
                .contains("system.listMethods", "system.methodHelp", "system.methodSignature", "system.multicall")
                .hasSize(expected.size() + 4);
        assertThat(call("system.methodSignature", "supervisor.startProcess"))
                .isEqualTo(List.of("boolean", "string", "boolean"));
        assertThat(call("system.methodSignature", "supervisor.tailProcessStderrLog"))
                .isEqualTo(List.of("array", "string", "int", "int"));
    }

    @Test
    void reportsProcessInfoWithSupervisorsKeysInOrder() throws Exception {
        Map<String, Object> info = FakeEngine.map(call("supervisor.getProcessInfo", "grp:a"));
        assertThat(info.keySet()).containsExactly("name", "group", "start", "stop", "now", "state", "statename",
                "spawnerr", "exitstatus", "logfile", "stdout_logfile", "stderr_logfile", "pid", "description");
        assertThat(info).containsEntry("name", "a").containsEntry("group", "grp").containsEntry("state", 0)
                .containsEntry("statename", "STOPPED").containsEntry("description", "Not started")
                .containsEntry("pid", 0).containsEntry("start", 0);
        engine.start(new ProcessId("foo", "foo"), false);
        engine.becomeRunning(new ProcessId("foo", "foo"));
        assertThat(FakeEngine.map(call("supervisor.getProcessInfo", "foo")).get("description").toString())
                .matches("pid 4242, uptime 0:00:0\\d");
    }

    @Test
    void resolvesNameFormsAndAnswersBadNameWithTheNameAsSent() throws Exception {
        assertFault("BAD_NAME: nope", "supervisor.getProcessInfo", "nope");
        assertFault("BAD_NAME: grp", "supervisor.getProcessInfo", "grp");
        assertFault("BAD_NAME: grp:*", "supervisor.getProcessInfo", "grp:*");
        assertFault("BAD_NAME: grp:zz", "supervisor.startProcess", "grp:zz");
        assertThat(call("supervisor.getProcessInfo", "foo:foo")).isNotNull();
        assertFault("INCORRECT_PARAMETERS", "supervisor.getProcessInfo", 12);
    }

    @Test
    void startWithWaitAnswersOnlyOnceRunningWithoutBlockingOtherCalls() throws Exception {
        CompletableFuture<Object> start = rpc.invoke("supervisor.startProcess", List.of("foo", true));
        assertThat(start).isNotDone();
        assertThat(call("supervisor.getState")).isNotNull();
        engine.becomeRunning(new ProcessId("foo", "foo"));
        assertThat(start.get(5, TimeUnit.SECONDS)).isEqualTo(true);
        assertFault("ALREADY_STARTED: foo", "supervisor.startProcess", "foo");
        assertFault("ALREADY_STARTED: foo:foo", "supervisor.startProcess", "foo:foo");
    }

    @Test
    void startWithWaitFailsWithAbnormalTerminationNamingTheProcessAsSent() throws Exception {
        CompletableFuture<Object> start = rpc.invoke("supervisor.startProcess", List.of("foo:foo"));
        engine.failStarting(new ProcessId("foo", "foo"));
        assertThatThrownBy(() -> start.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RpcFault.class)
                .cause().hasFieldOrPropertyWithValue("faultString", "ABNORMAL_TERMINATION: foo:foo");
        assertFault("NO_FILE: no such file", "supervisor.startProcess", "missing", false);
    }

    @Test
    void groupActionsAnswerOneStructPerProcess() throws Exception {
        Object r = call("supervisor.startProcess", "grp:*", false);
        assertThat(r).isEqualTo(List.of(
                Map.of("name", "a", "group", "grp", "status", 80, "description", "OK"),
                Map.of("name", "b", "group", "grp", "status", 80, "description", "OK")));
        assertThat(call("supervisor.startProcessGroup", "grp", false)).isEqualTo(List.of());
        assertThat(call("supervisor.stopProcessGroup", "grp")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(2);
        assertFault("BAD_NAME: nogroup", "supervisor.stopProcessGroup", "nogroup");
        assertThat(call("supervisor.startAllProcesses", false)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains(Map.of("name", "missing", "group", "missing", "status", 20, "description", "NO_FILE: no such file"));
    }

    @Test
    void groupResultsFinishedTogetherComeInProcessOrderAsInSupervisorsSweeps() throws Exception {
        CompletableFuture<Object> start = rpc.invoke("supervisor.startProcessGroup", List.of("grp", true));
        engine.becomeRunning(new ProcessId("grp", "b"));
        engine.becomeRunning(new ProcessId("grp", "a"));
        List<?> results = (List<?>) start.get(5, TimeUnit.SECONDS);
        assertThat(results.stream().map(m -> (Object) ((Map<?, ?>) m).get("name")).toList()).containsExactly("a", "b");
    }

    @Test
    void checksStopSignalAndStdinArguments() throws Exception {
        assertFault("NOT_RUNNING: foo", "supervisor.stopProcess", "foo");
        assertFault("NOT_RUNNING: foo", "supervisor.signalProcess", "foo", "HUP");
        engine.start(new ProcessId("foo", "foo"), false);
        assertFault("BAD_SIGNAL: NOPE", "supervisor.signalProcess", "foo", "NOPE");
        assertThat(call("supervisor.signalProcess", "foo", "sighup")).isEqualTo(true);
        assertThat(call("supervisor.signalProcess", "foo", "1")).isEqualTo(true);
        assertFault("INCORRECT_PARAMETERS: 5", "supervisor.sendProcessStdin", "foo", 5);
        assertFault("BAD_NAME: grp:*", "supervisor.sendProcessStdin", "grp:*", "x");
        assertThat(call("supervisor.sendProcessStdin", "foo", "héllo\n")).isEqualTo(true);
        assertThat(new String(engine.stdin.get(0), StandardCharsets.UTF_8)).isEqualTo("héllo\n");
        assertFault("NOT_RUNNING: grp:a", "supervisor.sendProcessStdin", "grp:a", "x");
        assertThat(call("supervisor.signalProcessGroup", "grp", "NOPE")).isEqualTo(List.of());
    }

    @Test
    void readsAndTailsLogsWithSupervisorsOffsetRules() throws Exception {
        Path out = engine.logPath(new ProcessId("foo", "foo"), OutputChannel.STDOUT);
        assertFault("NO_FILE: " + out, "supervisor.readProcessStdoutLog", "foo", 0, 0);
        Files.writeString(out, "0123456789");
        assertThat(call("supervisor.readProcessStdoutLog", "foo", 2, 3)).isEqualTo("234");
        assertThat(call("supervisor.readProcessLog", "foo", -4, 0)).isEqualTo("6789");
        assertThat(call("supervisor.readProcessStdoutLog", "foo", "2", "0")).isEqualTo("23456789");
        assertFault("BAD_ARGUMENTS", "supervisor.readProcessStdoutLog", "foo", -1, 5);
        assertThat(call("supervisor.tailProcessStdoutLog", "foo", 0, 4)).isEqualTo(List.of("6789", 10, true));
        assertThat(call("supervisor.tailProcessLog", "foo", 10, 4)).isEqualTo(List.of("", 10, false));
        assertThat(call("supervisor.tailProcessStderrLog", "foo", 0, 4)).isEqualTo(List.of("", 0, false));
        assertFault("INCORRECT_PARAMETERS", "supervisor.readProcessStdoutLog", "foo", "x", 0);
        assertThat(call("supervisor.readLog", 0, 0)).isEqualTo("main log line\n");
        assertThat(call("supervisor.clearProcessLogs", "foo")).isEqualTo(true);
        assertThat(out).doesNotExist();
        assertThat(call("supervisor.clearAllProcessLogs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(4);
    }

    @Test
    void binaryLogBytesComeBackAsAValidXmlDocument() throws Exception {
        Path out = engine.logPath(new ProcessId("foo", "foo"), OutputChannel.STDOUT);
        Files.write(out, new byte[] {'o', 'k', 0, 1, 27, (byte) 0xff, (byte) 0xc3, '\n'});
        RpcReply reply = rpc.handle(XmlRpcWriter.methodCall("supervisor.readProcessStdoutLog", List.of("foo", 0, 0)))
                .get(5, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(200);
        Object text = XmlRpcReader.parseResponse(reply.body(), XmlRpcLimits.CLIENT);
        assertThat(text).asString().startsWith("ok").endsWith("\n").doesNotContain("\u0000");
    }

    @Test
    void rereadsAndChangesGroups() throws Exception {
        engine.nextDiff = new ConfigDiff(List.of("new"), List.of("grp"), List.of("old"));
        assertThat(call("supervisor.reloadConfig")).isEqualTo(List.of(List.of(List.of("new"), List.of("grp"), List.of("old"))));
        assertFault("ALREADY_ADDED: grp", "supervisor.addProcessGroup", "grp");
        assertFault("BAD_NAME: zz", "supervisor.addProcessGroup", "zz");
        engine.start(new ProcessId("grp", "a"), false);
        assertFault("STILL_RUNNING: grp", "supervisor.removeProcessGroup", "grp");
        engine.stop(new ProcessId("grp", "a"), false);
        assertThat(call("supervisor.removeProcessGroup", "grp")).isEqualTo(true);
        assertFault("BAD_NAME: grp", "supervisor.removeProcessGroup", "grp");
        assertThat(call("supervisor.addProcessGroup", "grp")).isEqualTo(true);
    }

    @Test
    void describesEveryConfiguredProcess() throws Exception {
        List<?> all = (List<?>) call("supervisor.getAllConfigInfo");
        assertThat(all).hasSize(4);
        Map<String, Object> a = FakeEngine.map(all.get(0));
        assertThat(a).containsEntry("name", "a").containsEntry("group", "grp").containsEntry("inuse", true)
                .containsEntry("process_prio", 5).containsEntry("command", "/bin/cat").containsEntry("uid", "none")
                .containsEntry("directory", "none").containsEntry("stopsignal", 15).containsEntry("exitcodes", List.of(0));
        assertThat(a).hasSize(29);
    }

    @Test
    void configInfoShowsTheAutoLogNameTheEngineGaveAndAutoWhereItGaveNone() throws Exception {
        engine.autoStdoutNames.put("a", "/tmp/x/a-stdout---supervisor-abcdefgh.log");
        engine.removeProcessGroup("grp").join(); // not in use: the name stays, as Supervisor's does
        List<?> all = (List<?>) call("supervisor.getAllConfigInfo");
        assertThat(FakeEngine.map(all.get(0))).containsEntry("name", "a").containsEntry("inuse", false)
                .containsEntry("stdout_logfile", "/tmp/x/a-stdout---supervisor-abcdefgh.log")
                .containsEntry("stderr_logfile", "auto");
        assertThat(FakeEngine.map(all.get(1))).containsEntry("name", "b").containsEntry("stdout_logfile", "auto");
    }

    @Test
    void engineFailuresThrownAtOnceAreFaultsNotInternalErrors() throws Exception {
        engine.throwOnStart = true;
        assertFault("FAILED: boom", "supervisor.startProcess", "foo");
        assertThat(call("supervisor.startProcessGroup", "grp")).isEqualTo(List.of(
                Map.of("name", "a", "group", "grp", "status", 30, "description", "FAILED: boom"),
                Map.of("name", "b", "group", "grp", "status", 30, "description", "FAILED: boom")));
    }

    @Test
    void formatsUptimeAsPythonsTimedelta() {
        assertThat(Descriptions.uptime(5)).isEqualTo("0:00:05");
        assertThat(Descriptions.uptime(3600 * 25 + 61)).isEqualTo("1 day, 1:01:01");
        assertThat(Descriptions.uptime(86400 * 3)).isEqualTo("3 days, 0:00:00");
    }

    @Test
    void shutdownAndRestartAnswerTrueAndAskTheEngine() throws Exception {
        assertThat(call("supervisor.shutdown")).isEqualTo(true);
        assertThat(engine.shutdownRequested).isTrue();
        assertThat(call("supervisor.restart")).isEqualTo(true);
        assertThat(engine.restartRequested).isTrue();
    }
}
