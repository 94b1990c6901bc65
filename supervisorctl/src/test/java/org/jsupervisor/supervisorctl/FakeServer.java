package org.jsupervisor.supervisorctl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jsupervisor.supervisorctl.server.ServerConnection;
import org.jsupervisor.supervisorctl.server.ServerException;

/**
 * A scripted server for situations a healthy supervisord does not produce on demand
 * (shutting down, an old API version, a config it cannot reread).
 */
final class FakeServer implements ServerConnection {
    private final Map<String, Object> answers = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    FakeServer() {
        answers.put("supervisor.getVersion", "3.0");
    }

    /** Answer {@code method} with {@code value}; a ServerException value is thrown instead. */
    FakeServer on(String method, Object value) {
        answers.put("supervisor." + method, value);
        return this;
    }

    @Override
    public Object call(String method, Object... params) throws ServerException {
        calls.add(method + (params.length == 0 ? "" : " " + List.of(params)));
        Object v = answers.get(method);
        if (v instanceof ServerException e) {
            throw e;
        }
        if (v == null) {
            throw new ServerException.Fault(1, "UNKNOWN_METHOD");
        }
        return v;
    }

    @Override
    public Stream stream(String path, OutputStream sink, Consumer<String> errors) {
        throw new UnsupportedOperationException();
    }

    static ServerException.Fault fault(int code, String text) {
        return new ServerException.Fault(code, text);
    }

    /** Runs one action line against this server; returns stdout and sets {@link #exit}. */
    String run(String line) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ClientSettings settings = new ClientSettings("unix:///fake.sock", Optional.empty(),
                Optional.empty(), "supervisor", Optional.empty(), false);
        Controller ctl = new Controller(settings, out, null, s -> this);
        ctl.execute(line);
        exit = ctl.exitStatus();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    int exit;
}
