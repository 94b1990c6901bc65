package org.jsupervisor.supervisord.http;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.rpc.server.RpcHandler;
import org.jsupervisor.rpc.server.RpcMethod;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.rpc.SupervisorNamespace;
import org.jsupervisor.webui.StatusSource;

/**
 * The web UI's server-rendered content, answered by the same code as XML-RPC's
 * {@code getAllProcessInfo} and {@code readProcessStdoutLog}/{@code readProcessStderrLog}: the
 * page shows exactly the descriptions supervisorctl prints, and resolves names and words
 * errors as the API does. Like Supervisor's own web UI, it uses the standard interface whether
 * or not the configuration serves it at {@code /RPC2}.
 *
 * <p>Thread-safe. A call takes one engine snapshot (the engine answers queries from its event
 * loop without waiting on children) or reads at most the requested bytes of a log file.
 */
final class EngineStatusSource implements StatusSource {
    private final RpcHandler allProcessInfo;
    private final RpcHandler readStdout;
    private final RpcHandler readStderr;

    EngineStatusSource(Engine engine) {
        List<RpcMethod> methods = SupervisorNamespace.methods("supervisor", engine, ZoneId.systemDefault());
        this.allProcessInfo = handler(methods, "supervisor.getAllProcessInfo");
        this.readStdout = handler(methods, "supervisor.readProcessStdoutLog");
        this.readStderr = handler(methods, "supervisor.readProcessStderrLog");
    }

    private static RpcHandler handler(List<RpcMethod> methods, String name) {
        return methods.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("standard interface lacks " + name)).handler();
    }

    @Override
    public List<ProcessRow> processes() {
        List<ProcessRow> rows = new ArrayList<>();
        for (Object o : (List<?>) call(allProcessInfo, List.of())) {
            Map<?, ?> info = (Map<?, ?>) o;
            rows.add(new ProcessRow((String) info.get("group"), (String) info.get("name"),
                    (String) info.get("statename"), (String) info.get("description")));
        }
        return List.copyOf(rows);
    }

    @Override
    public LogExcerpt tail(String namespec, String channel, int maxBytes) {
        RpcHandler read = "stderr".equals(channel) ? readStderr : readStdout;
        try {
            return LogExcerpt.of((String) call(read, List.of(namespec, -maxBytes, 0)));
        } catch (RpcFault f) {
            // Supervisor's tail.html words its two cases this way.
            return LogExcerpt.failed(f.code() == Faults.NO_FILE ? "No file for " + namespec
                    : "ERROR: unexpected rpc fault [" + f.code() + "] " + f.faultString());
        }
    }

    private static Object call(RpcHandler handler, List<Object> params) {
        try {
            return Objects.requireNonNull(handler.call(params));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
