package org.jsupervisor.supervisorctl;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tail -f}, {@code maintail -f} and {@code fg} against a real supervisord, run as
 * separate processes so that Ctrl-C (SIGINT) and standard input are real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowAndForegroundTest {
    static final String PROGRAMS = """
            [program:echo]
            command=cat
            startsecs=0

            [program:other]
            command=sleep 1000
            startsecs=0
            """;

    private RealSupervisord sd;

    @BeforeAll
    void startDaemon() throws IOException {
        assumeTrue(RealSupervisord.available(), "reference Supervisor not installed");
        sd = new RealSupervisord(PROGRAMS).start();
    }

    @AfterAll
    void stopDaemon() throws IOException {
        if (sd != null) {
            sd.close();
        }
    }

    @Test
    void tailFollowsWhatFgSendsUntilCtrlC() throws Exception {
        sd.python("start echo");
        try (OurProcess tail = new OurProcess("-c", sd.conf.toString(), "tail", "-f", "echo");
                OurProcess fg = new OurProcess("-c", sd.conf.toString(), "fg", "echo")) {
            tail.awaitOutput("==> Press Ctrl-C to exit <==\n");
            fg.awaitOutput("==> Press Ctrl-C to exit <==\n");
            fg.type("ping-one\n");
            tail.awaitOutput("ping-one\n");
            fg.awaitOutput("ping-one\n");
            fg.stdin().close();
            assertThat(fg.awaitExit()).isZero();
            assertThat(fg.output()).endsWith("Exiting foreground\n");
            tail.interrupt();
            assertThat(tail.awaitExit()).isZero();
            assertThat(tail.output()).startsWith("==> Press Ctrl-C to exit <==\n").endsWith("ping-one\n\n");
        }
    }

    @Test
    void tailOfStderrAndOfAnUnknownNameReportLikeSupervisor() throws Exception {
        try (OurProcess tail = new OurProcess("-c", sd.conf.toString(), "tail", "-f", "nope", "stderr")) {
            assertThat(tail.awaitExit()).isZero();
            assertThat(tail.output()).isEqualTo("==> Press Ctrl-C to exit <==\n"
                    + "unix://" + sd.socket + "/logtail/nope/stderr Cannot read, status code 404\n");
        }
    }

    @Test
    void maintailFollowsTheDaemonLog() throws Exception {
        sd.python("start other");
        try (OurProcess tail = new OurProcess("-c", sd.conf.toString(), "maintail", "-f")) {
            tail.awaitOutput("==> Press Ctrl-C to exit <==\n");
            sd.python("stop other");
            tail.awaitOutput("stopped: other");
            tail.interrupt();
            assertThat(tail.awaitExit()).isZero();
        }
    }

    @Test
    void fgEndsOnCtrlC() throws Exception {
        sd.python("start echo");
        try (OurProcess fg = new OurProcess("-c", sd.conf.toString(), "fg", "echo")) {
            fg.awaitOutput("==> Press Ctrl-C to exit <==\n");
            fg.interrupt();
            assertThat(fg.awaitExit()).isZero();
            assertThat(fg.output()).endsWith("Exiting foreground\n");
        }
    }

    @Test
    void fgNoticesThatTheProcessDied() throws Exception {
        sd.python("start echo");
        try (OurProcess fg = new OurProcess("-c", sd.conf.toString(), "fg", "echo")) {
            fg.awaitOutput("==> Press Ctrl-C to exit <==\n");
            sd.python("stop echo");
            fg.type("anyone there?\n");
            assertThat(fg.awaitExit()).isZero();
            assertThat(fg.output()).endsWith("Process got killed\nExiting foreground\n");
        } finally {
            sd.python("start echo");
        }
    }
}
