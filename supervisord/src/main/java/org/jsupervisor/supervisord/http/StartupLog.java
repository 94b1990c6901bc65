package org.jsupervisor.supervisord.http;

import java.util.List;

/**
 * Where {@link HttpServers} writes the main-log lines Supervisor writes while it opens its
 * HTTP servers: for each server, in configuration order ({@code [inet_http_server]} first),
 * one INFO line per RPC interface made for it, then the CRIT line when the server has no
 * authentication. A server that fails to open gets no lines (nor do those after it).
 */
public interface StartupLog {
    /** Names of the {@code [rpcinterface:x]} sections, in the configuration file's order. */
    List<String> rpcInterfaces();

    void info(String line);

    void critical(String line);
}
