package org.jsupervisor.supervisorctl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bad command lines: the same {@code Error: ...} line on stderr and exit status 2. */
class CommandLineSameAsPythonTest {

    @ParameterizedTest
    @ValueSource(strings = {"-x", "-c", "--foo", "-s foo status", "-s unix:///x -s unix:///y status",
            "-i -i status", "--serverurl", "--interactive=3 status", "-r", "-u", "-ix",
            "--username=a --username=b status"})
    void rejectsWhatSupervisorRejects(String line) throws Exception {
        assumeTrue(RealSupervisord.available(), "reference Supervisor not installed");
        String[] args = line.split(" ");
        Process p = new ProcessBuilder(concat(RealSupervisord.PYTHON_CTL.toString(), args))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String pyErr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        String[] ours = runCapturingStderr(args);
        assertThat(ours[1]).isEqualTo(Integer.toString(p.exitValue())).isEqualTo("2");
        assertThat(firstLine(ours[0])).isEqualTo(firstLine(pyErr));
        assertThat(ours[0]).contains("For help, use ").endsWith(" -h\n");
    }

    @Test
    void helpGoesToStdoutAndExitsZero() {
        RealSupervisord.Outcome o = RealSupervisord.oursRaw(null, "-h", "status", "-x");
        assertThat(o.exit()).isZero();
        assertThat(o.stdout()).contains("-c/--configuration FILENAME").contains("-s/--serverurl URL")
                .contains("-r/--history-file");
    }

    @Test
    void optionsStopAtTheFirstActionWord() {
        RealSupervisord.Outcome o = RealSupervisord.oursRaw(null, "-s", "unix:///nonexistent/x.sock",
                "tail", "-x", "foo");
        // -x belongs to tail, which first checks the server, as Supervisor's does.
        assertThat(o.stdout()).isEqualTo("unix:///nonexistent/x.sock no such file\n");
        assertThat(o.exit()).isEqualTo(7);
    }

    @Test
    void acceptsBothSpellingsOfTheHistoryOptionAndAbbreviations() throws Exception {
        for (String opt : new String[] {"--history-file", "--history_file", "--history", "--hist"}) {
            String[] r = runCapturingStderr(new String[] {opt, "/tmp/h", "-s", "unix:///nonexistent/x", "pid"});
            assertThat(r[0]).as(opt).isEmpty();
        }
    }

    private static synchronized String[] runCapturingStderr(String[] args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return new String[] {err.toString(StandardCharsets.UTF_8), Integer.toString(exit)};
        } finally {
            System.setErr(old);
        }
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String firstLine(String s) {
        return Arrays.stream(s.split("\n")).findFirst().orElse("");
    }
}
