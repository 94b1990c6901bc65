package org.jsupervisor.supervisord.rpc;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jsupervisor.rpc.server.Params;
import org.jsupervisor.rpc.server.RpcHandler;
import org.jsupervisor.rpc.server.RpcMethod;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.engine.EngineException;
import org.jsupervisor.supervisord.engine.OutputChannel;

/**
 * The method table of Supervisor's standard interface ({@code [rpcinterface:supervisor]},
 * factory {@code supervisor.rpcinterface:make_main_rpcinterface}): every method of API 3.0
 * and the old aliases 4.2.5 still answers, registered under the section's name.
 *
 * <p>Signatures ({@code system.methodSignature}) are Supervisor's; the help texts are our
 * own words.
 */
public final class SupervisorNamespace {
    private final String ns;
    private final DaemonCalls daemon;
    private final ProcessActions actions;
    private final LogCalls logs;
    private final Engine engine;
    private final ZoneId zone;
    private final List<RpcMethod> methods = new ArrayList<>();

    private SupervisorNamespace(String ns, Engine engine, ZoneId zone) {
        this.ns = ns;
        this.engine = engine;
        this.zone = zone;
        this.daemon = new DaemonCalls(engine);
        this.actions = new ProcessActions(engine);
        this.logs = new LogCalls(engine);
    }

    /** The methods, named {@code <namespace>.<method>}. */
    public static List<RpcMethod> methods(String namespace, Engine engine, ZoneId zone) {
        SupervisorNamespace s = new SupervisorNamespace(namespace, engine, zone);
        s.daemonMethods();
        s.processMethods();
        s.logMethods();
        return List.copyOf(s.methods);
    }

    private void daemonMethods() {
        RpcHandler api = p -> daemon.apiVersion();
        add("getAPIVersion", "string", "The version of the XML-RPC API this daemon implements.", api);
        add("getVersion", "string", "Old name of getAPIVersion.", api);
        add("getSupervisorVersion", "string",
                "The Supervisor version this daemon is compatible with (jsupervisor reports 4.2.5).",
                p -> daemon.supervisorVersion());
        add("getIdentification", "string", "The identifier string of this daemon ([supervisord] identifier).",
                p -> daemon.identification());
        add("getState", "struct", "The daemon's state: a struct with int statecode and string statename.",
                p -> daemon.state());
        add("getPID", "int", "The process id of the daemon.", p -> daemon.pid());
        RpcHandler readLog = p -> logs.readMainLog(PyArgs.integer(p, 0), PyArgs.integer(p, 1));
        String readHelp = "Bytes of the daemon's own log; a negative offset with length 0 reads from the end.";
        add("readLog", "string", readHelp, readLog, "int", "offset", "int", "length");
        add("readMainLog", "string", "Old name of readLog.", readLog, "int", "offset", "int", "length");
        add("clearLog", "boolean", "Empties the daemon's own log and reopens it.", p -> logs.clearMainLog());
        add("shutdown", "boolean", "Stops every process, then the daemon.", p -> daemon.shutdown());
        add("restart", "boolean", "Stops every process, rereads the configuration and starts again.",
                p -> daemon.restart());
        add("reloadConfig", "array", "Rereads the configuration file and answers [[added, changed, removed]] "
                + "group names, compared with the active groups. Nothing is applied.", p -> daemon.reloadConfig());
        add("addProcessGroup", "boolean", "Activates a group from the configuration last read.",
                p -> daemon.addProcessGroup(PyArgs.name(p, 0)), "string", "name");
        add("removeProcessGroup", "boolean", "Removes an active group whose processes are all stopped.",
                p -> daemon.removeProcessGroup(PyArgs.name(p, 0)), "string", "name");
        add("sendRemoteCommEvent", "boolean", "Publishes a REMOTE_COMMUNICATION event to event listeners.",
                p -> daemon.sendRemoteCommEvent(p.get(0), p.get(1)), "string", "type", "string", "data");
        add("getAllConfigInfo", "array", "One struct per configured process (groups flattened), sorted by name.",
                p -> {
                    Faulting.requireRunning(engine);
                    return ProcessStructs.configInfo(engine);
                });
    }

    private void processMethods() {
        add("getProcessInfo", "struct", "Status of one process ('name' or 'group:name').", p -> {
            Faulting.requireRunning(engine);
            return ProcessStructs.info(Names.process(engine, PyArgs.name(p, 0)), zone);
        }, "string", "name");
        add("getAllProcessInfo", "array", "Status structs of every process, by group and process name.", p -> {
            Faulting.requireRunning(engine);
            List<Object> out = new ArrayList<>();
            for (var info : ProcessStructs.lexical(engine.groups())) {
                Map<String, Object> m = ProcessStructs.info(info, zone);
                out.add(m);
            }
            return out;
        });
        addWait("startProcess", "boolean", "Starts a process ('name', 'group:name' or 'group:*'); with wait, "
                + "answers once it is RUNNING or has failed.",
                p -> actions.startProcess(PyArgs.name(p, 0), Params.truthy(p, 1, true)), true);
        addWait("startProcessGroup", "array", "Starts every stopped process of a group; one result struct each.",
                p -> actions.startProcessGroup(PyArgs.name(p, 0), Params.truthy(p, 1, true)), true);
        addWait("startAllProcesses", "array", "Starts every stopped process; one result struct each.",
                p -> actions.startAllProcesses(Params.truthy(p, 0, true)), false);
        addWait("stopProcess", "boolean", "Stops a process; with wait, answers once it has stopped.",
                p -> actions.stopProcess(PyArgs.name(p, 0), Params.truthy(p, 1, true)), true);
        addWait("stopProcessGroup", "array", "Stops every running process of a group; one result struct each.",
                p -> actions.stopProcessGroup(PyArgs.name(p, 0), Params.truthy(p, 1, true)), true);
        addWait("stopAllProcesses", "array", "Stops every running process; one result struct each.",
                p -> actions.stopAllProcesses(Params.truthy(p, 0, true)), false);
        add("signalProcess", "boolean", "Sends a signal (name like 'HUP' or number) to a process.",
                p -> actions.signalProcess(PyArgs.name(p, 0), p.get(1)), "string", "name", "string", "signal");
        add("signalProcessGroup", "array", "Sends a signal to every signallable process of a group.",
                p -> actions.signalProcessGroup(PyArgs.name(p, 0), p.get(1)), "string", "name", "string", "signal");
        add("signalAllProcesses", "array", "Sends a signal to every signallable process.",
                p -> actions.signalAllProcesses(p.get(0)), "string", "signal");
        add("sendProcessStdin", "boolean", "Writes characters (UTF-8 encoded) to a process's stdin.",
                p -> actions.sendProcessStdin(PyArgs.name(p, 0), p.get(1)), "string", "name", "string", "chars");
    }

    private void logMethods() {
        for (OutputChannel ch : OutputChannel.values()) {
            String label = ch == OutputChannel.STDOUT ? "Stdout" : "Stderr";
            RpcHandler read = p -> logs.readProcessLog(PyArgs.name(p, 0), PyArgs.integer(p, 1), PyArgs.integer(p, 2), ch);
            RpcHandler tail = p -> logs.tailProcessLog(PyArgs.name(p, 0), PyArgs.integer(p, 1), PyArgs.integer(p, 2), ch);
            add("readProcess" + label + "Log", "string", "Bytes of a process's " + ch.label()
                    + " log from offset; length 0 reads to the end.", read, "string", "name", "int", "offset", "int", "length");
            add("tailProcess" + label + "Log", "array", "Up to length bytes at the end of a process's " + ch.label()
                    + " log from offset: [string bytes, int next offset, bool overflow].", tail,
                    "string", "name", "int", "offset", "int", "length");
            if (ch == OutputChannel.STDOUT) {
                add("readProcessLog", "string", "Old name of readProcessStdoutLog.", read,
                        "string", "name", "int", "offset", "int", "length");
                add("tailProcessLog", "array", "Old name of tailProcessStdoutLog.", tail,
                        "string", "name", "int", "offset", "int", "length");
            }
        }
        RpcHandler clear = p -> logs.clearProcessLogs(PyArgs.name(p, 0));
        add("clearProcessLogs", "boolean", "Empties a process's stdout and stderr logs and reopens them.", clear,
                "string", "name");
        add("clearProcessLog", "boolean", "Old name of clearProcessLogs.", clear, "string", "name");
        add("clearAllProcessLogs", "array", "Empties the logs of every process; one result struct each.",
                p -> logs.clearAllProcessLogs());
    }

    /**
     * Engine queries throw {@link EngineException} synchronously (a process removed between
     * name resolution and the call, say): answer those with their fault, never a 500.
     */
    private static RpcHandler guarded(RpcHandler handler) {
        return params -> {
            try {
                return handler.call(params);
            } catch (EngineException e) {
                throw Faulting.fault(e, null, Set.of());
            }
        };
    }

    /** Registers a method whose parameters are all required ({@code typesAndNames} in pairs). */
    private void add(String name, String returns, String help, RpcHandler handler, String... typesAndNames) {
        RpcMethod.Builder b = RpcMethod.builder(ns + "." + name).returns(returns).help(help).handler(guarded(handler));
        for (int i = 0; i < typesAndNames.length; i += 2) {
            b.param(typesAndNames[i], typesAndNames[i + 1]);
        }
        methods.add(b.build());
    }

    /** Registers a method with an optional trailing {@code wait} flag (default true). */
    private void addWait(String name, String returns, String help, RpcHandler handler, boolean takesName) {
        RpcMethod.Builder b = RpcMethod.builder(ns + "." + name).returns(returns).help(help).handler(guarded(handler));
        if (takesName) {
            b.param("string", "name");
        }
        b.optionalParam("boolean", "wait");
        methods.add(b.build());
    }
}
