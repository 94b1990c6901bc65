package org.jsupervisor.supervisord.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Small HTML error answers, like the ones Supervisor's HTTP server sends: status line,
 * {@code text/html} body naming the status, no stack traces ever.
 */
final class ErrorPages {
    private ErrorPages() {
    }

    static void send(Response response, Callback callback, int status) {
        send(response, callback, status, null);
    }

    /** Sends {@code status} with an HTML body; {@code detail}, if given, is added as plain text. */
    static void send(Response response, Callback callback, int status, String detail) {
        String reason = HttpStatus.getMessage(status);
        StringBuilder html = new StringBuilder()
                .append("<html><head><title>Error response</title></head><body>\r\n")
                .append("<h1>Error response</h1>\r\n")
                .append("<p>Error code ").append(status).append(".</p>\r\n")
                .append("<p>Message: ").append(escape(reason)).append(".</p>\r\n");
        if (detail != null) {
            html.append("<p>").append(escape(detail)).append("</p>\r\n");
        }
        html.append("</body></html>\r\n");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
