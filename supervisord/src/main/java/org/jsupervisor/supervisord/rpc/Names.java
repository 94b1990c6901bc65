package org.jsupervisor.supervisord.rpc;

import java.util.Optional;

import org.jsupervisor.rpc.Faults;
import org.jsupervisor.rpc.RpcFault;
import org.jsupervisor.supervisord.engine.Engine;
import org.jsupervisor.supervisord.engine.GroupInfo;
import org.jsupervisor.supervisord.engine.ProcessInfo;

/**
 * Resolves Supervisor's name forms against the active groups: {@code group:name},
 * {@code name} (a process in the group of the same name), {@code group:*} and
 * {@code group:} (the whole group).
 */
final class Names {
    private Names() {
    }

    /** A resolved name: the group, and the process unless the name meant the whole group. */
    record Target(GroupInfo group, Optional<ProcessInfo> process) {
    }

    /** Group part and process part (null for the whole group), as Supervisor splits them. */
    static String[] split(String namespec) {
        int colon = namespec.indexOf(':');
        if (colon < 0) {
            return new String[] {namespec, namespec};
        }
        String proc = namespec.substring(colon + 1);
        return new String[] {namespec.substring(0, colon), proc.isEmpty() || proc.equals("*") ? null : proc};
    }

    /** @throws RpcFault BAD_NAME (with the name as sent) if the group or process is unknown */
    static Target resolve(Engine engine, String namespec) {
        String[] parts = split(namespec);
        GroupInfo group = group(engine, parts[0]).orElseThrow(() -> new RpcFault(Faults.BAD_NAME, namespec));
        if (parts[1] == null) {
            return new Target(group, Optional.empty());
        }
        ProcessInfo p = group.processes().stream().filter(x -> x.name().equals(parts[1])).findFirst()
                .orElseThrow(() -> new RpcFault(Faults.BAD_NAME, namespec));
        return new Target(group, Optional.of(p));
    }

    /** Like {@link #resolve} but a whole-group name is BAD_NAME too (methods about one process). */
    static ProcessInfo process(Engine engine, String namespec) {
        return resolve(engine, namespec).process().orElseThrow(() -> new RpcFault(Faults.BAD_NAME, namespec));
    }

    static Optional<GroupInfo> group(Engine engine, String name) {
        return engine.groups().stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
