package org.jsupervisor.supervisord.rpc;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.engine.EngineException;
import org.jsupervisor.supervisord.engine.EngineException.Failure;
import org.jsupervisor.supervisord.engine.LogFile;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessInfo;

/**
 * Reading, tailing and clearing logs. Bytes are decoded as UTF-8 with invalid sequences
 * replaced (Supervisor answers HTTP 500 there); the XML writer replaces characters XML
 * cannot carry, so binary log data always comes back as a valid document.
 */
final class LogCalls {
    private static final Set<Failure> CLEAR_NAMED = EnumSet.of(Failure.BAD_NAME, Failure.FAILED);

    private final Engine engine;

    LogCalls(Engine engine) {
        this.engine = engine;
    }

    Object readMainLog(long offset, long length) {
        Faulting.requireRunning(engine);
        return read(engine.mainLog(), offset, length);
    }

    Object clearMainLog() {
        Faulting.requireRunning(engine);
        engine.mainLog().clear(); // an EngineException becomes its fault in SupervisorNamespace.guarded
        return Boolean.TRUE;
    }

    Object readProcessLog(String name, long offset, long length, OutputChannel channel) {
        Faulting.requireRunning(engine);
        ProcessInfo p = Names.process(engine, name);
        return read(engine.processLog(p.id(), channel), offset, length);
    }

    Object tailProcessLog(String name, long offset, long length, OutputChannel channel) {
        Faulting.requireRunning(engine);
        ProcessInfo p = Names.process(engine, name);
        LogFile.Tail t = engine.processLog(p.id(), channel).tail(offset, length);
        return List.of(decode(t.bytes()), PyArgs.capped(t.offset()), t.overflow());
    }

    Object clearProcessLogs(String name) {
        Faulting.requireRunning(engine);
        ProcessInfo p = Names.process(engine, name);
        return engine.clearLogs(p.id()).handle((v, e) -> {
            if (e != null) {
                throw Faulting.fault(e, name, CLEAR_NAMED);
            }
            return Boolean.TRUE;
        });
    }

    Object clearAllProcessLogs() {
        Faulting.requireRunning(engine);
        return ProcessActions.forEach(ProcessStructs.byPriority(engine.groups()), p -> true,
                p -> engine.clearLogs(p.id()).exceptionally(e -> {
                    throw Faulting.fault(e, p.id().namespec(), CLEAR_NAMED);
                }));
    }

    private static Object read(LogFile log, long offset, long length) {
        return decode(log.read(offset, length));
    }

    static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
