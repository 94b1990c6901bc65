package org.jsupervisor.supervisorctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every action, run by Supervisor's Python supervisorctl and by ours against the same real
 * supervisord in the same state: stdout and exit status must be equal (uptimes and pids
 * normalised). Where Supervisor prints its help text after an error, only the error line is
 * compared, since our help texts are worded differently on purpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SameAsPythonClientTest {
    static final String PROGRAMS = """
            [program:foo]
            command=/bin/sh -c 'echo hello; echo err >&2; exec sleep 1000'
            startsecs=0

            [program:bar]
            command=cat
            autostart=false
            startsecs=0

            [program:fail]
            command=/bin/false
            startretries=0

            [program:nolog]
            command=sleep 1000
            startsecs=0
            stdout_logfile=NONE

            [group:grp]
            programs=g1,g2

            [program:g1]
            command=sleep 1000
            startsecs=0

            [program:g2]
            command=sleep 1000
            startsecs=0
            """;

    private RealSupervisord sd;
    /** Python's answers to the actions that change nothing, computed up front in parallel. */
    private final Map<String, Future<RealSupervisord.Outcome>> pythonAnswers = new ConcurrentHashMap<>();
    private ExecutorService pool;

    @BeforeAll
    void startDaemon() throws IOException {
        assumeTrue(RealSupervisord.available(), "reference Supervisor not installed");
        sd = new RealSupervisord(PROGRAMS).start();
        // Each Python run costs a whole interpreter start; running them side by side keeps this
        // class to seconds. These actions do not change the daemon's state.
        pool = Executors.newFixedThreadPool(4);
        Stream.concat(readOnlyActions(), usageErrors()).forEach(line ->
                pythonAnswers.computeIfAbsent(line, l -> pool.submit(() -> sd.python(args(l)))));
    }

    private static String[] args(String line) {
        return line.isBlank() ? new String[0] : new String[] {line};
    }

    @AfterAll
    void stopDaemon() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (sd != null) {
            sd.close();
        }
    }

    static Stream<String> readOnlyActions() {
        return Stream.of(
                "status", "status foo", "status grp:*", "status grp:", "status nope", "status nope:*",
                "status grp:nope", "status foo nope bar", "status all", "status grp",
                "pid", "pid foo", "pid bar", "pid nope", "pid all", "pid foo nope bar",
                "version", "avail", "reread",
                "tail foo", "tail -5 foo stderr", "tail foo STDERR", "tail foo bogus", "tail -x foo",
                "tail nope", "tail foo stderr x", "tail -f", "tail -100 nope stderr", "tail -3 foo",
                "maintail -x", "maintail a",
                "clear nope", "clear nope:*", "remove nope", "add nope", "add", "remove", "update nope",
                "open", "open ftp://x",
                "help", "help nope", "help EOF", "help foo bar", "bogus", "STATUS", "!ls",
                "status:foo", "quit", "exit", "EOF",
                "fg a b", "fg nope", "fg bar", "fg grp:nope",
                "signal HUP bar", "signal BOGUS foo", "signal HUP nope", "signal HUP nope:*",
                "signal CONT bar grp:nope",
                "start foo", "start nope", "start grp:nope", "start nope:*", "start foo nope grp:nope",
                "stop bar", "stop nope:*", "stop nope", "stop grp:nope",
                "status   foo    bar  ", "tail nolog", "tail nolog stderr", "pid grp:*",
                "status grp:* grp:g1");
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("readOnlyActions")
    void printsWhatSupervisorPrints(String line) throws Exception {
        assertSame(pythonAnswers.get(line).get(), sd.ours(args(line)), false);
    }

    static Stream<String> usageErrors() {
        return Stream.of("start", "stop", "restart", "clear", "signal", "signal HUP", "tail",
                "tail a b c d", "maintail a b", "fg", "version x", "avail x", "reread x",
                "shutdown x", "reload x");
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void reportsUsageErrorsWithTheSameFirstLineAndStatus(String line) throws Exception {
        RealSupervisord.Outcome py = pythonAnswers.get(line).get();
        RealSupervisord.Outcome us = sd.ours(line);
        assertThat(us.exit()).as("exit status of %s", line).isEqualTo(py.exit());
        assertThat(firstLine(us.stdout())).isEqualTo(firstLine(py.stdout()));
        assertThat(us.stdout().lines().count()).as("help follows the error").isGreaterThan(1);
    }

    static Stream<Arguments> stateChanges() {
        return Stream.of(
                Arguments.of(List.of("start foo"), "stop foo"),
                Arguments.of(List.of("stop foo"), "start foo"),
                Arguments.of(List.of("start foo"), "restart foo"),
                Arguments.of(List.of("start grp:*"), "stop grp:*"),
                Arguments.of(List.of("stop grp:*"), "start grp:*"),
                Arguments.of(List.of("start grp:*"), "restart grp:g1 foo"),
                Arguments.of(List.of("start foo", "stop bar"), "stop foo bar"),
                Arguments.of(List.of("start all"), "stop all"),
                Arguments.of(List.of("stop all"), "start all"),
                Arguments.of(List.of("start foo"), "signal CONT foo"),
                Arguments.of(List.of("start grp:*"), "signal CONT grp:*"),
                Arguments.of(List.of("start foo", "start grp:*"), "signal CONT all"),
                Arguments.of(List.of("start foo"), "clear foo"),
                Arguments.of(List.of(), "clear all"),
                Arguments.of(List.of("start grp:*"), "status"),
                Arguments.of(List.of("stop grp:g1"), "status grp:*"),
                Arguments.of(List.of("start foo"), "pid foo"),
                Arguments.of(List.of("start grp:*"), "clear grp:*"),
                Arguments.of(List.of(), "maintail"),
                Arguments.of(List.of(), "maintail -200"),
                Arguments.of(List.of("stop bar"), "start bar"),
                Arguments.of(List.of("stop bar"), "start bar:*"));
    }

    @ParameterizedTest(name = "{1} after {0}")
    @MethodSource("stateChanges")
    void changesStateAndReportsItAsSupervisorDoes(List<String> setup, String line) throws Exception {
        // Set-up runs through our client in this JVM: its output is not compared, and it is
        // much quicker than starting Python.
        for (String s : setup) {
            sd.ours(s);
        }
        RealSupervisord.Outcome py = sd.python(line);
        for (String s : setup) {
            sd.ours(s);
        }
        RealSupervisord.Outcome us = sd.ours(line);
        restoreBaseline(sd);
        assertSame(py, us, true);
    }

    @Test
    void openSwitchesServerAndShowsItsStatus() throws Exception {
        String line = "open unix://" + sd.socket;
        assertSame(RealSupervisord.pythonRaw(null, "-s", "unix:///nonexistent/x", line),
                RealSupervisord.oursRaw(null, "-s", "unix:///nonexistent/x", line), false);
        String http = "open http://127.0.0.1:" + sd.port;
        assertSame(sd.python(http), sd.ours(http), false);
    }

    @Test
    void pipedShellLinesGiveTheSameTranscript() throws Exception {
        String input = "version\n\nbogus\nstatus foo\nhelp\npid nope\n?nope\n";
        assertSame(sd.pythonWithInput(input), sd.oursWithInput(input), false);
    }

    @Test
    void pipedShellStopsAtQuit() throws Exception {
        String input = "version\nquit\nstatus\n";
        assertSame(sd.pythonWithInput(input), sd.oursWithInput(input), false);
    }

    @Test
    void interactiveFlagWithAnActionRunsOnlyThatAction() throws Exception {
        assertSame(sd.pythonWithInput("status\n", "-i", "version"),
                sd.oursWithInput("status\n", "-i", "version"), false);
    }

    @Test
    void answersNoToAnInteractiveShutdownQuestion() throws Exception {
        RealSupervisord.Outcome py = sd.pythonWithInput("n\n", "-i", "shutdown");
        RealSupervisord.Outcome us = sd.oursWithInput("n\n", "-i", "shutdown");
        assertSame(py, us, false);
        assertThat(sd.isAlive()).isTrue();
    }

    @Test
    void joinsSeveralArgumentsIntoOneActionLine() throws Exception {
        assertSame(sd.python("status", "foo", "grp:*"), sd.ours("status", "foo", "grp:*"), false);
        assertSame(sd.python("status foo", "bar"), sd.ours("status foo", "bar"), false);
    }

    @Test
    void talksOverTcpWithDashS() throws Exception {
        String url = "http://127.0.0.1:" + sd.port;
        assertSame(RealSupervisord.pythonRaw(null, "-s", url, "status"),
                RealSupervisord.oursRaw(null, "-s", url, "status"), false);
        assertSame(RealSupervisord.pythonRaw(null, "--serverurl=" + url, "pid", "all"),
                RealSupervisord.oursRaw(null, "--serverurl=" + url, "pid", "all"), false);
        assertSame(RealSupervisord.pythonRaw(null, "--server", url, "version"),
                RealSupervisord.oursRaw(null, "--server", url, "version"), false);
    }

    /** Back to the state the daemon starts in: bar stopped, the others running, fail FATAL. */
    static void restoreBaseline(RealSupervisord sd) {
        sd.ours("stop bar");
        sd.ours("start foo grp:* nolog");
    }

    static void assertSame(RealSupervisord.Outcome python, RealSupervisord.Outcome ours, boolean sortLines) {
        String py = RealSupervisord.normalize(python.stdout());
        String us = RealSupervisord.normalize(ours.stdout());
        if (sortLines) {
            // Results of one call come back in the server's order; two runs agree on it, but
            // keep the comparison about content and status.
            py = py.lines().sorted().reduce("", (a, b) -> a + b + "\n");
            us = us.lines().sorted().reduce("", (a, b) -> a + b + "\n");
        }
        assertThat(us).isEqualTo(py);
        assertThat(ours.exit()).as("exit status").isEqualTo(python.exit());
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
