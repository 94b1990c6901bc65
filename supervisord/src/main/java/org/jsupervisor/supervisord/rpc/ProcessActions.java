package org.jsupervisor.supervisord.rpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jsupervisor.common.Signal;
import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.engine.EngineException.Failure;
import org.jsupervisor.supervisord.engine.GroupInfo;
import org.jsupervisor.supervisord.engine.ProcessInfo;

/**
 * start/stop/signal for one process, a group or everything, and stdin. Group and "all"
 * variants act on every matching process at once and answer, once each has finished,
 * with one {@code {name, group, status, description}} struct per process, as Supervisor.
 *
 * <p>Threading: called on a Jetty thread; returns futures completed on the engine thread.
 * Nothing here blocks, so a {@code wait} never holds up other clients.
 */
final class ProcessActions {
    private static final Set<Failure> STDIN_NAMED = union(Faulting.NAMED, Failure.NO_FILE);

    private final Engine engine;

    ProcessActions(Engine engine) {
        this.engine = engine;
    }

    Object startProcess(String name, boolean wait) {
        Faulting.requireRunning(engine);
        Names.Target t = Names.resolve(engine, name);
        if (t.process().isEmpty()) {
            return startGroup(t.group(), wait);
        }
        return engine.start(t.process().get().id(), wait).handle((v, e) -> answer(e, name, Faulting.NAMED));
    }

    Object startProcessGroup(String name, boolean wait) {
        Faulting.requireRunning(engine);
        return startGroup(group(name), wait);
    }

    Object startAllProcesses(boolean wait) {
        Faulting.requireRunning(engine);
        return forEach(ProcessStructs.byPriority(engine.groups()), p -> !p.state().isRunningState(),
                p -> engine.start(p.id(), wait));
    }

    private Object startGroup(GroupInfo g, boolean wait) {
        return forEach(g.processes(), p -> !p.state().isRunningState(), p -> engine.start(p.id(), wait));
    }

    Object stopProcess(String name, boolean wait) {
        Faulting.requireRunning(engine);
        Names.Target t = Names.resolve(engine, name);
        if (t.process().isEmpty()) {
            return stopGroup(t.group(), wait);
        }
        return engine.stop(t.process().get().id(), wait).handle((v, e) -> answer(e, name, Faulting.NAMED));
    }

    Object stopProcessGroup(String name, boolean wait) {
        Faulting.requireRunning(engine);
        return stopGroup(group(name), wait);
    }

    Object stopAllProcesses(boolean wait) {
        Faulting.requireRunning(engine);
        return forEach(ProcessStructs.byPriority(engine.groups()), p -> p.state().isRunningState(),
                p -> engine.stop(p.id(), wait));
    }

    private Object stopGroup(GroupInfo g, boolean wait) {
        return forEach(g.processes(), p -> p.state().isRunningState(), p -> engine.stop(p.id(), wait));
    }

    Object signalProcess(String name, Object signal) {
        Faulting.requireRunning(engine);
        Names.Target t = Names.resolve(engine, name);
        if (t.process().isEmpty()) {
            return signalGroup(t.group(), signal);
        }
        Signal sig = parseSignal(signal);
        return engine.signal(t.process().get().id(), sig).handle((v, e) -> answer(e, name, Faulting.NAMED));
    }

    Object signalProcessGroup(String name, Object signal) {
        Faulting.requireRunning(engine);
        return signalGroup(group(name), signal);
    }

    Object signalAllProcesses(Object signal) {
        Faulting.requireRunning(engine);
        return forEach(ProcessStructs.byPriority(engine.groups()), p -> p.state().isSignallable(),
                p -> engine.signal(p.id(), parseSignal(signal)));
    }

    private Object signalGroup(GroupInfo g, Object signal) {
        // A bad signal is reported per process, and not at all if nothing is signallable.
        return forEach(g.processes(), p -> p.state().isSignallable(),
                p -> engine.signal(p.id(), parseSignal(signal)));
    }

    Object sendProcessStdin(String name, Object chars) {
        Faulting.requireRunning(engine);
        byte[] data;
        if (chars instanceof String s) {
            data = s.getBytes(StandardCharsets.UTF_8);
        } else if (chars instanceof byte[] b) {
            data = b;
        } else {
            throw new RpcFault(Faults.INCORRECT_PARAMETERS, PyArgs.str(chars));
        }
        ProcessInfo p = Names.process(engine, name);
        return engine.sendStdin(p.id(), data).handle((v, e) -> answer(e, name, STDIN_NAMED));
    }

    static Signal parseSignal(Object value) {
        if (value instanceof String || value instanceof Integer || value instanceof Long) {
            return Signal.parse(value.toString()).orElseThrow(() -> new RpcFault(Faults.BAD_SIGNAL, value.toString()));
        }
        throw new RpcFault(Faults.BAD_SIGNAL, PyArgs.str(value));
    }

    private GroupInfo group(String name) {
        return Names.group(engine, name).orElseThrow(() -> new RpcFault(Faults.BAD_NAME, name));
    }

    private static Boolean answer(Throwable e, String name, Set<Failure> named) {
        if (e != null) {
            throw Faulting.fault(e, name, named);
        }
        return Boolean.TRUE;
    }

    /**
     * Runs {@code action} on every process that {@code select} accepts, all at once, and
     * completes with their result structs once all have finished. Order: as Supervisor's,
     * which collects finished processes in sweeps 50 ms apart, each sweep in process order;
     * so results come in completion order, with processes that finished within one sweep
     * in process order.
     */
    static CompletableFuture<Object> forEach(List<ProcessInfo> processes, Predicate<ProcessInfo> select,
            Function<ProcessInfo, CompletableFuture<?>> action) {
        List<Finished> finished = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> pending = new ArrayList<>();
        int index = 0;
        for (ProcessInfo p : processes) {
            if (!select.test(p)) {
                continue;
            }
            int position = index++;
            CompletableFuture<?> f;
            try {
                f = action.apply(p);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            pending.add(f.handle((v, e) -> {
                finished.add(new Finished(position, System.nanoTime(), result(p, e)));
                return null;
            }));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    synchronized (finished) {
                        return inSweepOrder(finished);
                    }
                });
    }

    private record Finished(int position, long nanos, Map<String, Object> result) {
    }

    private static final long SWEEP_NANOS = 50_000_000L;

    private static List<Object> inSweepOrder(List<Finished> finished) {
        List<Finished> byTime = new ArrayList<>(finished);
        byTime.sort(java.util.Comparator.comparingLong(Finished::nanos));
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < byTime.size()) {
            long sweepEnd = byTime.get(i).nanos() + SWEEP_NANOS;
            List<Finished> sweep = new ArrayList<>();
            while (i < byTime.size() && byTime.get(i).nanos() <= sweepEnd) {
                sweep.add(byTime.get(i++));
            }
            sweep.sort(java.util.Comparator.comparingInt(Finished::position));
            sweep.forEach(f -> out.add(f.result()));
        }
        return out;
    }

    static Map<String, Object> result(ProcessInfo p, Throwable failure) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("group", p.group());
        if (failure == null) {
            m.put("status", Faults.SUCCESS);
            m.put("description", "OK");
            return m;
        }
        RuntimeException f = Faulting.fault(failure, p.id().namespec());
        if (f instanceof RpcFault rf) {
            m.put("status", rf.code());
            m.put("description", rf.faultString());
        } else {
            m.put("status", Faults.FAILED);
            m.put("description", "FAILED: " + f);
        }
        return m;
    }

    private static Set<Failure> union(Set<Failure> base, Failure extra) {
        EnumSet<Failure> s = EnumSet.copyOf(base);
        s.add(extra);
        return s;
    }
}
