package org.jsupervisor.supervisorctl;

import java.io.IOException;
import java.util.List;
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

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.jsupervisor.supervisorctl.SameAsPythonClientTest.assertSame;

/**
 * The same comparison as {@link SameAsPythonClientTest}, against our own supervisord: both
 * clients must print the same, so users can mix either client with either daemon. A
 * representative subset, to keep the module's tests short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SameAnswersFromOurDaemonTest {
    private RealSupervisord sd;

    @BeforeAll
    void startDaemon() throws IOException {
        assumeTrue(RealSupervisord.available(), "Supervisor's client not installed");
        sd = new RealSupervisord(SameAsPythonClientTest.PROGRAMS).javaDaemon().start();
    }

    @AfterAll
    void stopDaemon() throws IOException {
        if (sd != null) {
            sd.close();
        }
    }

    static Stream<String> actions() {
        return Stream.of("status", "status foo nope bar", "status grp:*", "status nope:*", "pid all",
                "pid bar", "version", "avail", "reread", "tail -5 foo stderr", "tail nolog", "tail nope",
                "start foo", "start nope:*", "start grp:nope", "stop bar", "signal HUP bar",
                "signal BOGUS foo", "clear nope", "add nope", "remove nope", "update nope", "fg bar",
                "fg nope");
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void printsWhatSupervisorsClientPrints(String line) throws Exception {
        assertSame(sd.python(line), sd.ours(line), false);
    }

    static Stream<Arguments> stateChanges() {
        return Stream.of(
                Arguments.of(List.of("start foo"), "stop foo"),
                Arguments.of(List.of("stop grp:*"), "start grp:*"),
                Arguments.of(List.of("start all"), "restart grp:g1 foo"),
                Arguments.of(List.of("start foo"), "signal CONT all"),
                Arguments.of(List.of("stop bar"), "start fail bar"));
    }

    @ParameterizedTest(name = "{1} after {0}")
    @MethodSource("stateChanges")
    void changesStateAndReportsItAsSupervisorsClientDoes(List<String> setup, String line) throws Exception {
        for (String s : setup) {
            sd.ours(s);
        }
        RealSupervisord.Outcome py = sd.python(line);
        for (String s : setup) {
            sd.ours(s);
        }
        RealSupervisord.Outcome us = sd.ours(line);
        SameAsPythonClientTest.restoreBaseline(sd);
        assertSame(py, us, true);
    }

    @Test
    void pipedShellGivesTheSameTranscript() throws Exception {
        String input = "version\nbogus\nstatus foo\npid nope\n";
        assertSame(sd.pythonWithInput(input), sd.oursWithInput(input), false);
    }
}
