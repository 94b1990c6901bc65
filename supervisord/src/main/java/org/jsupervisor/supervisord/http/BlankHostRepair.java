package org.jsupervisor.supervisord.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.BufferUtil;

/**
 * First connection factory of the unix-socket connector: lets Supervisor's own HTTP client
 * in.
 *
 * <p>{@code supervisorctl tail -f} and {@code maintail -f} over a {@code unix://} URL send
 * {@code Host: } with an empty value (the URL has no host). Jetty answers any blank Host
 * with 400, and has no compliance switch for it. This connection reads the first request
 * head of each new connection, gives an empty {@code Host} the value {@code localhost}, and
 * hands the bytes to the normal HTTP/1.1 connection. Later requests on the same
 * connection are not inspected (that client opens a connection per request).
 */
final class BlankHostRepair extends AbstractConnectionFactory {
    private static final int MAX_HEAD = 16 * 1024;
    private static final Pattern BLANK_HOST = Pattern.compile("(?im)^host:[ \\t]*(?=\\r?$)");

    BlankHostRepair() {
        super("blank-host-repair");
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        return configure(new Repairing(endPoint, connector), connector, endPoint);
    }

    private static final class Repairing extends AbstractConnection implements Connection.UpgradeFrom {
        private final Connector connector;
        private final ByteBuffer head = BufferUtil.allocate(MAX_HEAD);
        private ByteBuffer repaired;

        Repairing(EndPoint endPoint, Connector connector) {
            super(endPoint, connector.getExecutor());
            this.connector = connector;
        }

        @Override
        public void onOpen() {
            super.onOpen();
            fillInterested();
        }

        @Override
        public void onFillable() {
            try {
                while (true) {
                    int n = getEndPoint().fill(head);
                    if (n < 0) {
                        getEndPoint().close();
                        return;
                    }
                    if (headComplete() || BufferUtil.space(head) == 0) {
                        handOver();
                        return;
                    }
                    if (n == 0) {
                        fillInterested();
                        return;
                    }
                }
            } catch (IOException e) {
                getEndPoint().close(e);
            }
        }

        private boolean headComplete() {
            String s = StandardCharsets.ISO_8859_1.decode(head.slice()).toString();
            return s.contains("\r\n\r\n") || s.contains("\n\n");
        }

        private void handOver() {
            String s = StandardCharsets.ISO_8859_1.decode(head.slice()).toString();
            repaired = ByteBuffer.wrap(BLANK_HOST.matcher(s).replaceFirst("Host: localhost")
                    .getBytes(StandardCharsets.ISO_8859_1));
            ConnectionFactory http = connector.getConnectionFactory(HttpVersion.HTTP_1_1.asString());
            getEndPoint().upgrade(http.newConnection(connector, getEndPoint()));
        }

        @Override
        public ByteBuffer onUpgradeFrom() {
            return repaired;
        }
    }
}
