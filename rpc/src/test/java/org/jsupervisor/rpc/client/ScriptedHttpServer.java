package org.jsupervisor.rpc.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server that answers each request with whatever the test's script writes, to test
 * the client's HTTP handling (keep-alive, closes, chunking, garbage).
 */
final class ScriptedHttpServer implements AutoCloseable {
    /** Answers one request; returns false to close the connection afterwards. */
    interface Script {
        boolean answer(int connection, int request, String head, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Script script;
    final AtomicInteger connections = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    ScriptedHttpServer(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        Thread t = new Thread(this::acceptLoop, "scripted-http");
        t.setDaemon(true);
        t.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                int n = connections.incrementAndGet();
                Thread t = new Thread(() -> serve(n, s), "scripted-conn-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(int conn, Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            for (int req = 1; ; req++) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int len = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        len = Integer.parseInt(line.substring(15).strip());
                    }
                }
                byte[] body = in.readNBytes(len);
                requests.add(head + new String(body, StandardCharsets.UTF_8));
                if (!script.answer(conn, req, head, s.getOutputStream())) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return null;
    }

    static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String ok(String xml) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: "
            + xml.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + xml;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
