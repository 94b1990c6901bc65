package org.jsupervisor.supervisord.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Build-time training run for the class-data-sharing archive that {@code bin/supervisord}
 * uses: a foreground daemon on a throw-away configuration (unix socket server, one program)
 * is started, asked for its process list over XML-RPC and stopped with SIGTERM, so that the
 * JVM started with {@code -XX:ArchiveClassesAtExit} records the classes a real start-up
 * loads. Both JVMs of a detaching start (launcher and daemon) then start faster. Not used
 * at run time.
 */
public final class CdsTrainingRun {
    private CdsTrainingRun() {
    }

    /** Never fails the build: a missing or partial archive only costs start-up time. */
    public static void main(String[] args) {
        try {
            train();
        } catch (Exception | Error e) {
            System.err.println("supervisord CDS training run incomplete (the archive may be smaller): " + e);
        }
        System.exit(0);
    }

    private static void train() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sdcds");
        try {
            Path socket = dir.resolve("s.sock");
            Path log = dir.resolve("main.log");
            Path conf = dir.resolve("supervisord.conf");
            Files.writeString(conf, "[supervisord]\nlogfile=" + log + "\npidfile=" + dir.resolve("sd.pid")
                    + "\nchildlogdir=" + dir + "\nnodaemon=true\nsilent=true\n"
                    + "[unix_http_server]\nfile=" + socket + "\n"
                    + "[rpcinterface:supervisor]\n"
                    + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n"
                    + "[program:t]\ncommand=sleep 1000\nstartsecs=0\n");
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            CompletableFuture<Integer> daemon = CompletableFuture.supplyAsync(
                    () -> new Supervisord(sink, sink).run(new String[] {"-c", conf.toString()}));
            long deadline = System.currentTimeMillis() + 30_000;
            while (!(Files.exists(log) && Files.readString(log).contains("success: t entered RUNNING"))) {
                if (System.currentTimeMillis() > deadline || daemon.isDone()) {
                    throw new IOException("the training daemon did not start");
                }
                Thread.sleep(20); // build-time only: a plain poll is fine here
            }
            call(socket, "supervisor.getAllProcessInfo");
            call(socket, "supervisor.getState");
            new ProcessBuilder("kill", "-TERM", String.valueOf(ProcessHandle.current().pid())).start().waitFor();
            daemon.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void call(Path socket, String method) throws IOException {
        String body = "<?xml version=\"1.0\"?><methodCall><methodName>" + method
                + "</methodName><params></params></methodCall>";
        String request = "POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nConnection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (ch.read(buf) >= 0) {
                if (!buf.hasRemaining()) {
                    buf.clear();
                }
            }
        }
    }
}
