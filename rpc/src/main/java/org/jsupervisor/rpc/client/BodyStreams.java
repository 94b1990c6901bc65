package org.jsupervisor.rpc.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Decoders for HTTP response bodies. Neither closes the connection underneath. */
final class BodyStreams {
    private BodyStreams() {
    }

    /** Exactly {@code length} bytes; a shorter connection is an error. */
    static final class FixedLength extends InputStream {
        private final InputStream in;
        private long remaining;

        FixedLength(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("connection closed with " + remaining + " bytes of the body unread");
            }
            remaining -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }
    }

    /**
     * The chunked transfer coding: each chunk is handed out as soon as its bytes arrive,
     * which is what a {@code tail -f} reader needs.
     *
     * <p>The CRLF that ends a chunk's data is consumed by the <em>next</em> read, not by the read
     * that returns the data's last bytes: Jetty sends that CRLF only with the following chunk,
     * so waiting for it would hold a quiet log's tail back until the log grows.
     */
    static final class Chunked extends InputStream {
        private static final int MAX_TRAILERS = 100;
        private final InputStream in;
        private final HttpConnection lines;
        private long remaining;
        /** The data of a chunk has been read but not yet the CRLF after it. */
        private boolean crlfPending;
        private boolean done;

        Chunked(InputStream in, HttpConnection lines) {
            this.in = in;
            this.lines = lines;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (remaining == 0) {
                if (crlfPending) {
                    if (!lines.readLine().isEmpty()) {
                        throw new IOException("chunk not followed by CRLF");
                    }
                    crlfPending = false;
                }
                remaining = nextChunkSize();
                if (remaining == 0) {
                    for (int i = 0; !lines.readLine().isEmpty(); i++) {
                        if (i >= MAX_TRAILERS) {
                            throw new IOException("too many trailer lines");
                        }
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            remaining -= n;
            crlfPending = remaining == 0;
            return n;
        }

        private long nextChunkSize() throws IOException {
            String line = lines.readLine();
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).strip();
            if (hex.isEmpty() || hex.length() > 15) {
                throw new IOException("bad chunk size line: " + line);
            }
            try {
                long size = Long.parseLong(hex, 16);
                if (size < 0) {
                    throw new NumberFormatException();
                }
                return size;
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size line: " + line);
            }
        }

        @Override
        public int available() throws IOException {
            return done ? 0 : (int) Math.min(in.available(), remaining);
        }
    }
}
