package org.jsupervisor.supervisorctl.cds;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsupervisor.rpc.MethodCall;
import org.jsupervisor.rpc.XmlRpcLimits;
import org.jsupervisor.rpc.XmlRpcReader;
import org.jsupervisor.rpc.XmlRpcWriter;
import org.jsupervisor.supervisorctl.Main;

/**
 * Build-time training run for the class-data-sharing archive: runs a few one-shot actions
 * against a stand-in server on a unix socket, so that the JVM started with
 * {@code -XX:ArchiveClassesAtExit} records every class a real one-shot run loads. Not used at
 * run time.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    /** Never fails the build: a missing archive only costs start-up time. */
    public static void main(String[] args) {
        try {
            train();
        } catch (Exception | Error e) {
            System.err.println("supervisorctl CDS training run incomplete (the archive may be"
                    + " smaller): " + e);
        }
    }

    private static void train() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ctlcds");
        Path socket = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> serve(server), "cds-server");
            t.setDaemon(true);
            t.start();
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            String url = "unix://" + socket;
            // Most users rely on a configuration file; read one as they would.
            Path conf = dir.resolve("supervisord.conf");
            Files.writeString(conf, "[supervisorctl]\nserverurl = " + url + " ; the socket\n");
            for (String action : List.of("status", "pid all", "version", "start foo", "stop foo",
                    "tail foo", "avail")) {
                Main.run(("-c " + conf + " " + action).split(" "), sink);
            }
            Main.run(("-s " + url + " status foo").split(" "), sink);
            Files.deleteIfExists(conf);
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static void serve(ServerSocketChannel server) {
        while (true) {
            try (SocketChannel ch = server.accept()) {
                InputStream in = new BufferedInputStream(Channels.newInputStream(ch));
                int length = 0;
                for (String line = line(in); !line.isEmpty(); line = line(in)) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                MethodCall call = XmlRpcReader.parseCall(in.readNBytes(length), XmlRpcLimits.SERVER);
                byte[] body = answer(call.methodName());
                OutputStream out = Channels.newOutputStream(ch);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException | RuntimeException e) {
                if (!server.isOpen()) {
                    return;
                }
            } catch (Exception e) {
                return;
            }
        }
    }

    private static byte[] answer(String method) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", "foo");
        info.put("group", "foo");
        info.put("statename", "RUNNING");
        info.put("state", 20);
        info.put("pid", 4242);
        info.put("description", "pid 4242, uptime 0:00:01");
        switch (method) {
            case "supervisor.getVersion":
                return XmlRpcWriter.response("3.0");
            case "supervisor.getAllProcessInfo":
                return XmlRpcWriter.response(List.of(info));
            case "supervisor.getSupervisorVersion":
                return XmlRpcWriter.response("4.2.5");
            case "supervisor.readProcessStdoutLog":
                return XmlRpcWriter.response("log\n");
            case "supervisor.startProcess":
                return XmlRpcWriter.fault(60, "ALREADY_STARTED: foo");
            default:
                return XmlRpcWriter.response(Boolean.TRUE);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
