package org.jsupervisor.supervisorctl.command;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jsupervisor.supervisorctl.Controller;
import org.jsupervisor.supervisorctl.server.ServerConnection;

/** Copies an endless log stream to the terminal until it ends or the user presses Ctrl-C. */
final class Follow {
    private Follow() {
    }

    static void follow(Controller ctl, String path) {
        String url = ctl.settings().serverUrl() + path;
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<ServerConnection.Stream> stream = new AtomicReference<>();
        // The handler is in place before the banner invites the user to press Ctrl-C.
        try (Controller.InterruptHandler ignored = ctl.onInterrupt(() -> {
            interrupted.set(true);
            ServerConnection.Stream s = stream.get();
            if (s != null) {
                s.close();
            }
        })) {
            ctl.output("==> Press Ctrl-C to exit <==");
            stream.set(ctl.server().stream(path, sink(ctl), error -> System.err.println(url + " " + error)));
            if (interrupted.get()) {
                stream.get().close();
            }
            stream.get().await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ServerConnection.Stream s = stream.get();
            if (s != null) {
                s.close();
            }
        }
        if (interrupted.get()) {
            ctl.output("");
        }
    }

    /**
     * The terminal, flushed after every piece so a follower sees lines as they come. Bytes are
     * passed through as they are (no decoding). A {@link java.io.PrintStream} hides write errors,
     * so each write asks it whether one happened and throws, which ends the stream: a follower
     * writing into a closed pipe must stop rather than run forever.
     */
    static OutputStream sink(Controller ctl) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (ctl.out()) {
                    ctl.out().write(b, off, len);
                    // checkError() flushes, then tells whether any write has failed.
                    if (ctl.out().checkError()) {
                        throw new IOException("Broken pipe");
                    }
                }
            }

            @Override
            public void flush() throws IOException {
                if (ctl.out().checkError()) {
                    throw new IOException("Broken pipe");
                }
            }
        };
    }
}
