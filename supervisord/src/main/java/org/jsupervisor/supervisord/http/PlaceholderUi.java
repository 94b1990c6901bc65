package org.jsupervisor.supervisord.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Serves a one-line page at {@code /} when the web UI module is not mounted. */
final class PlaceholderUi extends Handler.Abstract.NonBlocking {
    private static final byte[] PAGE = ("<html><head><title>jsupervisor</title></head><body>"
            + "<p>jsupervisor is running. The web interface is not available in this build.</p>"
            + "</body></html>\n").getBytes(StandardCharsets.UTF_8);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (!"/".equals(path) && !"/index.html".equals(path)) {
            ErrorPages.send(response, callback, 404);
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, PAGE.length);
        response.write(true, ByteBuffer.wrap(PAGE), callback);
        return true;
    }
}
