package org.jsupervisor.common.config;

import java.util.Optional;

/**
 * The listening socket of an fcgi-program.
 *
 * @param url     {@code tcp://host:port} or {@code unix:///path}, as Supervisor prints it
 * @param backlog {@code socket_backlog}, if set
 * @param ownerUid {@code socket_owner} uid (unix sockets only)
 * @param ownerGid {@code socket_owner} gid (unix sockets only)
 * @param mode    {@code socket_mode} (unix sockets only)
 */
public record FcgiSocketConfig(
        String url,
        Optional<Integer> backlog,
        Optional<Integer> ownerUid,
        Optional<Integer> ownerGid,
        Optional<Integer> mode) {

    /**
     * Two sockets are the same when their URLs are, as in Supervisor: a reread that only
     * changes {@code socket_mode}, {@code socket_owner} or {@code socket_backlog} does not
     * count as a change of the group.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof FcgiSocketConfig other && url.equals(other.url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }
}
