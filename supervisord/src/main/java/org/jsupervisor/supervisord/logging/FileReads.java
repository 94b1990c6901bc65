package org.jsupervisor.supervisord.logging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jsupervisor.supervisord.engine.EngineException;
import org.jsupervisor.supervisord.engine.EngineException.Failure;
import org.jsupervisor.supervisord.engine.LogFile;

/** Supervisor's {@code readFile} and {@code tailFile} over a path. Stateless. */
public final class FileReads {
    /** Never hand more than this to one API answer, whatever the caller asks. */
    private static final long MAX_READ = 64L * 1024 * 1024;

    private FileReads() {
    }

    public static byte[] read(Path file, long offset, long length) {
        if (file == null || !Files.exists(file)) {
            throw new EngineException(Failure.NO_FILE, file == null ? null : file.toString());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos;
            long want;
            if (offset < 0) {
                if (length != 0) {
                    throw new EngineException(Failure.BAD_ARGUMENTS);
                }
                pos = Math.max(0, size + offset);
                want = -offset;
            } else {
                if (length < 0) {
                    throw new EngineException(Failure.BAD_ARGUMENTS);
                }
                pos = offset;
                want = length == 0 ? Long.MAX_VALUE : length;
            }
            return readAt(ch, pos, Math.min(want, Math.max(0, size - pos)));
        } catch (IOException e) {
            throw new EngineException(Failure.FAILED);
        }
    }

    public static LogFile.Tail tail(Path file, long offset, long length) {
        if (file == null) {
            return new LogFile.Tail(new byte[0], offset, false);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long sz = ch.size();
            boolean overflow = false;
            if (sz > offset + length) {
                overflow = true;
                offset = sz - 1;
            }
            if (offset + length > sz) {
                if (offset > sz - 1) {
                    length = 0;
                }
                offset = sz - length;
            }
            if (offset < 0) {
                offset = 0;
            }
            if (length < 0) {
                length = 0;
            }
            byte[] data = length == 0 ? new byte[0] : readAt(ch, offset, Math.min(length, sz - offset));
            return new LogFile.Tail(data, sz, overflow);
        } catch (IOException e) {
            return new LogFile.Tail(new byte[0], offset, false);
        }
    }

    private static byte[] readAt(FileChannel ch, long pos, long n) throws IOException {
        int len = (int) Math.min(n, MAX_READ);
        ByteBuffer buf = ByteBuffer.allocate(len);
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos + buf.position());
            if (r < 0) {
                break;
            }
        }
        byte[] out = new byte[buf.position()];
        buf.flip().get(out);
        return out;
    }
}
