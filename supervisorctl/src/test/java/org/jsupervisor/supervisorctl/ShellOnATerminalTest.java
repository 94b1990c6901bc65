package org.jsupervisor.supervisorctl;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The interactive shell on a real pseudo-terminal (tmux): the initial status, completion of
 * actions and of process and group names, line editing, history kept across sessions in the
 * history file, help, and leaving with quit, ^D or Ctrl-C.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShellOnATerminalTest {
    static final String PROGRAMS = """
            [program:foo]
            command=sleep 1000
            startsecs=0

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

    @BeforeAll
    void startDaemon() throws Exception {
        assumeTrue(RealSupervisord.available() && Tmux.available(), "needs supervisord and tmux");
        sd = new RealSupervisord(PROGRAMS).start();
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (sd != null) {
            sd.close();
        }
    }

    private String shellCommand(String... extra) {
        StringBuilder b = new StringBuilder("'").append(OurProcess.javaBinary()).append("' -cp '")
                .append(System.getProperty("java.class.path")).append("' ")
                .append(Main.class.getName()).append(" -c '").append(sd.conf).append("'");
        for (String e : extra) {
            b.append(" '").append(e).append("'");
        }
        return b.toString();
    }

    @Test
    void completesEditsAndRemembersAcrossSessions() throws Exception {
        Path history = sd.dir.resolve("history");
        try (Tmux t = new Tmux(shellCommand("-r", history.toString()))) {
            t.awaitScreen("grp:g2                           RUNNING");
            t.awaitLastLine("supervisor>");
            t.keys("stat", "Tab");
            t.awaitLastLine("supervisor> status");
            t.keys("f", "Tab");
            t.awaitLastLine("supervisor> status foo");
            t.keys("Enter");
            t.awaitLastLine("supervisor>");
            assertThat(t.screen()).contains("supervisor> status foo\nfoo                              RUNNING");
            t.keys("start g", "Tab");
            t.awaitLine("supervisor> start grp:");
            t.keys("g1", "Enter");
            t.awaitScreen("grp:g1: ERROR (already started)");
            t.keys("Up");
            t.awaitLastLine("supervisor> start grp:g1");
            // Line editing: go to the start of the line and change the action.
            t.keys("C-a", "M-d", "stop");
            t.awaitLastLine("supervisor> stop grp:g1");
            t.keys("C-u", "add g", "Tab");
            t.awaitLine("supervisor> add grp");
            t.keys("C-u", "help", "Enter");
            t.awaitScreen("default commands (type help <topic>):");
            t.keys("quit", "Enter");
            t.awaitScreen("supervisor> quit");
        }
        assertThat(Files.readAllLines(history)).containsSubsequence("status foo", "start grp:g1", "help",
                "quit");
        try (Tmux t = new Tmux(shellCommand("-r", history.toString()) + "; echo exit=$?")) {
            t.awaitLastLine("supervisor>");
            t.keys("Up", "Up");
            t.awaitLastLine("supervisor> help");
            t.keys("C-u", "C-d");
            t.awaitScreen("exit=0");
        }
    }

    @Test
    void asksForCredentialsWithoutEchoingThePassword() throws Exception {
        try (RealSupervisord auth = new RealSupervisord(PROGRAMS, "username=user\npassword=s3cret\n")) {
            auth.start();
            String url = "http://127.0.0.1:" + auth.port;
            String cmd = "'" + OurProcess.javaBinary() + "' -cp '" + System.getProperty("java.class.path")
                    + "' " + Main.class.getName() + " -s " + url;
            try (Tmux t = new Tmux(cmd)) {
                t.awaitLastLine("Username:");
                t.keys("user", "Enter");
                t.awaitLastLine("Password:");
                t.keys("s3cret", "Enter");
                t.awaitScreen("foo                              RUNNING");
                t.awaitLastLine("supervisor>");
                assertThat(t.screen()).startsWith("Server requires authentication\nUsername:user\nPassword:\n")
                        .doesNotContain("s3cret");
            }
        }
    }

    @Test
    void ctrlCAtThePromptLeavesTheShell() throws Exception {
        try (Tmux t = new Tmux(shellCommand() + "; echo exit=$?")) {
            t.awaitLastLine("supervisor>");
            t.keys("ver", "Tab", "Enter");
            t.awaitScreen("4.2.5");
            t.keys("C-c");
            t.awaitScreen("exit=0");
        }
    }

    @Test
    void asksBeforeShuttingDownAndTakesNoForAnAnswer() throws Exception {
        try (Tmux t = new Tmux(shellCommand())) {
            t.awaitLastLine("supervisor>");
            t.keys("shutdown", "Enter");
            t.awaitLastLine("Really shut the remote supervisord process down y/N?");
            t.keys("n", "Enter");
            t.awaitLastLine("supervisor>");
            t.keys("version", "Enter");
            t.awaitScreen("4.2.5");
        }
        assertThat(sd.isAlive()).isTrue();
    }

    @Test
    void fgForwardsTypedLinesAndCtrlCReturnsToTheShell() throws Exception {
        sd.python("start foo");
        try (Tmux t = new Tmux(shellCommand())) {
            t.awaitLastLine("supervisor>");
            t.keys("fg foo", "Enter");
            t.awaitScreen("==> Press Ctrl-C to exit <==");
            t.keys("C-c");
            t.awaitScreen("Exiting foreground");
            t.awaitLastLine("supervisor>");
            t.keys("tail -f foo", "Enter");
            t.awaitScreen("==> Press Ctrl-C to exit <==\n");
            t.keys("C-c");
            t.awaitLastLine("supervisor>");
            t.keys("pid foo", "Enter");
            t.awaitScreen("supervisor> pid foo\n");
        }
    }
}
