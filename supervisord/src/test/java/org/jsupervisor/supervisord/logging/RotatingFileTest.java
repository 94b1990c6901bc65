package org.jsupervisor.supervisord.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsupervisor.supervisord.engine.LogFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileTest {
    @TempDir
    Path dir;

    @Test
    void rotatesAfterTheWriteThatReachesMaxbytesAndShiftsBackups() throws Exception {
        Path f = dir.resolve("x.log");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (RotatingFile r = new RotatingFile(f, 10, 2)) {
            for (int i = 0; i < 7; i++) {
                byte[] chunk = ("chunk" + i + "\n").getBytes(); // 7 bytes
                expected.write(chunk);
                r.write(chunk);
            }
        }
        // 7+7 >= 10 rotates: files hold 14 bytes each; only 2 backups are kept
        assertThat(Files.readString(f)).isEqualTo("chunk6\n");
        assertThat(Files.readString(r(f, 1))).isEqualTo("chunk4\nchunk5\n");
        assertThat(Files.readString(r(f, 2))).isEqualTo("chunk2\nchunk3\n");
        assertThat(r(f, 3)).doesNotExist();
    }

    @Test
    void zeroBackupsTruncates() throws Exception {
        Path f = dir.resolve("y.log");
        try (RotatingFile r = new RotatingFile(f, 5, 0)) {
            r.write("123456".getBytes());
            r.write("ab".getBytes());
        }
        assertThat(Files.readString(f)).isEqualTo("ab");
        assertThat(r(f, 1)).doesNotExist();
    }

    @Test
    void readAndTailFollowSupervisorsRules() throws Exception {
        Path f = dir.resolve("z.log");
        Files.writeString(f, "0123456789");
        assertThat(new String(FileReads.read(f, 2, 3))).isEqualTo("234");
        assertThat(new String(FileReads.read(f, -4, 0))).isEqualTo("6789");
        assertThat(new String(FileReads.read(f, 8, 0))).isEqualTo("89");
        LogFile.Tail t = FileReads.tail(f, 0, 4);
        assertThat(new String(t.bytes())).isEqualTo("6789");
        assertThat(t.offset()).isEqualTo(10);
        assertThat(t.overflow()).isTrue();
        LogFile.Tail t2 = FileReads.tail(f, 10, 4);
        assertThat(t2.bytes()).isEmpty();
        assertThat(t2.overflow()).isFalse();
    }

    @Test
    void ansiEscapesAreStrippedAsSupervisorDoes() {
        assertThat(new String(AnsiStripper.strip("a\u001b[31mred\u001b[0m b".getBytes()))).isEqualTo("ared b");
        assertThat(new String(AnsiStripper.strip("plain".getBytes()))).isEqualTo("plain");
    }

    private static Path r(Path f, int i) {
        return f.resolveSibling(f.getFileName() + "." + i);
    }
}
