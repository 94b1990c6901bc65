package org.jsupervisor.supervisord.http;

import java.nio.file.Path;
import java.util.Optional;

import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.engine.EngineException;
import org.jsupervisor.supervisord.engine.GroupInfo;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessInfo;

/** {@link TailSources} answered from the engine's active groups and log files. */
final class EngineTailSources implements TailSources {
    private final Engine engine;

    EngineTailSources(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Optional<Path> processLog(String namespec, String channel) {
        OutputChannel ch;
        if (channel.equals("stdout")) {
            ch = OutputChannel.STDOUT;
        } else if (channel.equals("stderr")) {
            ch = OutputChannel.STDERR;
        } else {
            return Optional.empty();
        }
        int colon = namespec.indexOf(':');
        String group = colon < 0 ? namespec : namespec.substring(0, colon);
        String name = colon < 0 ? namespec : namespec.substring(colon + 1);
        Optional<ProcessInfo> p = engine.groups().stream().filter(g -> g.name().equals(group))
                .map(GroupInfo::processes).flatMap(java.util.List::stream)
                .filter(x -> x.name().equals(name)).findFirst();
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try {
            return engine.processLog(p.get().id(), ch).path();
        } catch (EngineException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Path> mainLog() {
        return engine.mainLog().path();
    }
}
