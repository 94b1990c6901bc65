package org.jsupervisor.supervisord.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Picks the handler for a request by path prefix, in Supervisor's order: {@code /RPC2},
 * {@code /logtail}, {@code /mainlogtail}, then the web UI for everything else.
 * Prefix matching (not exact) mirrors Supervisor, whose handlers match with
 * {@code startswith}.
 */
public final class Routes extends Handler.Abstract {
    private final Handler rpc;
    private final Handler logtail;
    private final Handler mainlogtail;
    private final Handler ui;

    public Routes(Handler rpc, Handler logtail, Handler mainlogtail, Handler ui) {
        this.rpc = rpc;
        this.logtail = logtail;
        this.mainlogtail = mainlogtail;
        this.ui = ui;
        for (Handler h : new Handler[] {rpc, logtail, mainlogtail, ui}) {
            addBean(h);
        }
    }

    @Override
    public void setServer(org.eclipse.jetty.server.Server server) {
        super.setServer(server);
        for (Handler h : new Handler[] {rpc, logtail, mainlogtail, ui}) {
            h.setServer(server);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path == null) {
            path = "/";
        }
        Handler target;
        if (path.startsWith("/RPC2")) {
            target = rpc;
        } else if (path.startsWith("/logtail")) {
            target = logtail;
        } else if (path.startsWith("/mainlogtail")) {
            target = mainlogtail;
        } else {
            target = ui;
        }
        if (target.handle(request, response, callback)) {
            return true;
        }
        ErrorPages.send(response, callback, 404);
        return true;
    }
}
