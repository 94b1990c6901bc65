package org.jsupervisor.supervisord.logging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.jsupervisor.common.PyRepr;
import org.jsupervisor.common.config.StreamLogConfig;
import org.jsupervisor.supervisord.engine.EngineException;
import org.jsupervisor.supervisord.engine.LogFile;
import org.jsupervisor.supervisord.engine.OutputChannel;

/**
 * One child output stream (a process's stdout or stderr): owns its log file with rotation,
 * optional ANSI stripping, the copy to syslog and to the main log at debug level, and the
 * hook for PROCESS_LOG events. Bytes are kept as bytes.
 *
 * <p>Threading: {@link #write} is called by the I/O thread that reads the child's pipe;
 * reads, clear and reopen come from API and signal threads. All mutable state is guarded by
 * this object's monitor (and {@link RotatingFile}'s).
 */
public final class ChildStreamLog implements LogFile, AutoCloseable {
    private final String processName;
    private final OutputChannel channel;
    private final RotatingFile file;
    private final boolean stripAnsi;
    private final boolean syslog;
    private final SupervisorLog mainLog;
    private volatile Consumer<byte[]> eventSink;
    private volatile Consumer<byte[]> commSink;
    private final CaptureFilter capture;
    private volatile boolean failed;

    /**
     * @param path the resolved log file, or null for none (NONE, or syslog only)
     */
    public ChildStreamLog(String processName, OutputChannel channel, StreamLogConfig config, Path path,
            boolean stripAnsi, SupervisorLog mainLog) {
        this.processName = processName;
        this.channel = channel;
        this.file = path == null ? null : new RotatingFile(path, config.maxBytes(), config.backups());
        this.stripAnsi = stripAnsi;
        this.syslog = config.syslog();
        this.mainLog = mainLog;
        this.capture = config.captureMaxBytes() > 0 ? new CaptureFilter(config.captureMaxBytes(), new CaptureFilter.Sink() {
            @Override
            public void normal(byte[] data) {
                log(data, true);
            }

            @Override
            public void captured(byte[] data) {
                log(data, false);
            }

            @Override
            public void communication(byte[] payload) {
                if (mainLog != null) {
                    mainLog.debug(PyRepr.of(processName) + " " + channel.label() + " emitted a comm event");
                }
                Consumer<byte[]> sink = commSink;
                if (sink != null) {
                    sink.accept(payload);
                }
            }
        }) : null;
    }

    /** Creates the file (Supervisor opens child logs when the process is first set up). */
    public void open() {
        if (file != null) {
            try {
                file.open();
            } catch (IOException e) {
                reportFailure(e);
            }
        }
    }

    /** Receives the payload of PROCESS_COMMUNICATION events (capture mode); null for none. */
    public void setCommunicationSink(Consumer<byte[]> sink) {
        this.commSink = sink;
    }

    /** The child closed this stream: anything held back for token matching is logged. */
    public synchronized void endOfStream() {
        if (capture != null) {
            capture.flush();
        }
    }

    /** Receives the bytes of PROCESS_LOG events ({@code *_events_enabled}); null for none. */
    public void setEventSink(Consumer<byte[]> sink) {
        this.eventSink = sink;
    }

    /** Logs one chunk the child wrote (consumed from {@code data}). */
    public void write(ByteBuffer data) {
        if (capture == null && !stripAnsi && !syslog && eventSink == null
                && (mainLog == null || !mainLog.isDebugEnabled())) {
            // the common case: straight from the I/O thread's native buffer to the file, no copy
            synchronized (this) {
                if (file != null) {
                    try {
                        file.write(data);
                        failed = false;
                    } catch (IOException e) {
                        reportFailure(e);
                    }
                }
                data.position(data.limit());
            }
            return;
        }
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        write(bytes);
    }

    public synchronized void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        if (capture != null) {
            capture.accept(bytes);
        } else {
            log(bytes, true);
        }
    }

    /** Supervisor's {@code _log}: to the file (unless capturing), syslog, main log at debug, events. */
    private void log(byte[] bytes, boolean toFile) {
        if (stripAnsi) {
            bytes = AnsiStripper.strip(bytes);
        }
        if (toFile && file != null) {
            try {
                file.write(bytes);
                failed = false;
            } catch (IOException e) {
                reportFailure(e);
            }
        }
        if (toFile && syslog) {
            Syslog.lines(processName, bytes);
        }
        if (mainLog != null && mainLog.isDebugEnabled()) {
            mainLog.debug(PyRepr.of(processName) + " " + channel.label() + " output:\n" + decode(bytes));
        }
        Consumer<byte[]> sink = eventSink;
        if (sink != null) {
            sink.accept(bytes);
        }
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "Undecodable: " + pyBytesRepr(bytes);
        }
    }

    static String pyBytesRepr(byte[] b) {
        StringBuilder s = new StringBuilder("b'");
        for (byte x : b) {
            int c = x & 0xff;
            if (c == '\\' || c == '\'') {
                s.append('\\').append((char) c);
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c == '\r') {
                s.append("\\r");
            } else if (c == '\t') {
                s.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append((char) c);
            }
        }
        return s.append('\'').toString();
    }

    private void reportFailure(IOException e) {
        if (!failed && mainLog != null) {
            failed = true;
            mainLog.error("cannot write " + channel.label() + " log of " + processName + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<Path> path() {
        return file == null ? Optional.empty() : Optional.of(file.path());
    }

    @Override
    public byte[] read(long offset, long length) {
        return FileReads.read(file == null ? null : file.path(), offset, length); // NO_FILE without one
    }

    @Override
    public Tail tail(long offset, long length) {
        if (file == null || !java.nio.file.Files.exists(file.path())) {
            return new Tail(new byte[0], 0, false);
        }
        return FileReads.tail(file.path(), offset, length);
    }

    @Override
    public synchronized void clear() {
        if (file == null) {
            return;
        }
        try {
            file.removeAndReopen();
        } catch (IOException e) {
            throw new EngineException(EngineException.Failure.FAILED);
        }
    }

    public synchronized void reopen() {
        if (file != null) {
            try {
                file.reopen();
            } catch (IOException e) {
                reportFailure(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // closing at removal or exit
            }
        }
    }
}
