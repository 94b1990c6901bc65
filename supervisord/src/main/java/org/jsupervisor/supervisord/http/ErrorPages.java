package org.jsupervisor.supervisord.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Small HTML error answers, byte for byte the ones Supervisor's HTTP server sends (its
 * Medusa error page: CRLF line ends, {@code text/html}, the status and its reason phrase),
 * so a script that compares a 401 or 404 body sees no difference. No stack traces ever.
 */
final class ErrorPages {
    /**
     * Reason phrases as Supervisor's server words them in the body; newer RFCs renamed a few
     * (413, 414) and Jetty follows those.
     */
    private static final Map<Integer, String> REASONS = Map.of(
            408, "Request Time-out",
            413, "Request Entity Too Large",
            414, "Request-URI Too Large",
            504, "Gateway Time-out");

    private ErrorPages() {
    }

    static void send(Response response, Callback callback, int status) {
        send(response, callback, status, null);
    }

    /**
     * Sends {@code status} with Supervisor's HTML body; {@code detail}, if given (refusals
     * Supervisor never makes, such as our CSRF 403), is added as one more line of plain text.
     */
    static void send(Response response, Callback callback, int status, String detail) {
        byte[] body = body(status, detail).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static String body(int status, String detail) {
        String reason = REASONS.getOrDefault(status, HttpStatus.getMessage(status));
        StringBuilder html = new StringBuilder()
                .append("<head>\r\n<title>Error response</title>\r\n</head>\r\n<body>\r\n")
                .append("<h1>Error response</h1>\r\n")
                .append("<p>Error code ").append(status).append(".\r\n")
                .append("<p>Message: ").append(escape(reason)).append(".\r\n");
        if (detail != null) {
            html.append("<p>").append(escape(detail)).append("\r\n");
        }
        return html.append("</body>\r\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
