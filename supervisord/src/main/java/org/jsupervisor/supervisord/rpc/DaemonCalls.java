package org.jsupervisor.supervisord.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsupervisor.supervisord.engine.Engine;

/** The daemon-wide methods: identity, state, shutdown/restart, reread and group changes. */
final class DaemonCalls {
    /** The API version Supervisor 4.2.5 reports. */
    static final String API_VERSION = "3.0";
    /**
     * We report Supervisor's version, not ours, because clients compare it (supervisorctl
     * warns on a mismatch, scripts gate features on it). Documented in docs/control-plane.md.
     */
    static final String SUPERVISOR_VERSION = "4.2.5";

    private final Engine engine;

    DaemonCalls(Engine engine) {
        this.engine = engine;
    }

    Object apiVersion() {
        Faulting.requireRunning(engine);
        return API_VERSION;
    }

    Object supervisorVersion() {
        Faulting.requireRunning(engine);
        return SUPERVISOR_VERSION;
    }

    Object identification() {
        Faulting.requireRunning(engine);
        return engine.identifier();
    }

    Object state() {
        Faulting.requireRunning(engine);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statecode", engine.state().code());
        m.put("statename", engine.state().name());
        return m;
    }

    Object pid() {
        Faulting.requireRunning(engine);
        return PyArgs.capped(engine.pid());
    }

    Object shutdown() {
        Faulting.requireRunning(engine);
        engine.shutdown();
        return Boolean.TRUE;
    }

    Object restart() {
        Faulting.requireRunning(engine);
        engine.restart();
        return Boolean.TRUE;
    }

    Object reloadConfig() {
        Faulting.requireRunning(engine);
        return engine.reloadConfig().handle((d, e) -> {
            if (e != null) {
                throw Faulting.fault(e, null);
            }
            // One element holding the three lists: Supervisor's historical shape.
            return List.of(List.of(d.added(), d.changed(), d.removed()));
        });
    }

    Object addProcessGroup(String name) {
        Faulting.requireRunning(engine);
        return engine.addProcessGroup(name).handle((v, e) -> {
            if (e != null) {
                throw Faulting.fault(e, name);
            }
            return Boolean.TRUE;
        });
    }

    Object removeProcessGroup(String name) {
        Faulting.requireRunning(engine);
        return engine.removeProcessGroup(name).handle((v, e) -> {
            if (e != null) {
                throw Faulting.fault(e, name);
            }
            return Boolean.TRUE;
        });
    }

    Object sendRemoteCommEvent(Object type, Object data) {
        // Supervisor does not check its state here.
        engine.sendRemoteCommEvent(PyArgs.str(type), PyArgs.str(data));
        return Boolean.TRUE;
    }
}
