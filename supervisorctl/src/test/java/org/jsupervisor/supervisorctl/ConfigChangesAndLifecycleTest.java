package org.jsupervisor.supervisorctl;

import java.io.IOException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.jsupervisor.supervisorctl.SameAsPythonClientTest.assertSame;

/**
 * Actions that change the daemon's configuration or life (reread, update, add, remove,
 * reload, shutdown), unreachable servers and authentication, each compared with Supervisor's
 * own supervisorctl in the same situation.
 */
class ConfigChangesAndLifecycleTest {
    static final String BASE = """
            [program:foo]
            command=sleep 1000
            startsecs=0

            [group:grp]
            programs=g1

            [program:g1]
            command=sleep 1000
            startsecs=0
            """;
    static final String EXTRA = """
            [program:extra]
            command=sleep 1000
            startsecs=0
            """;

    @BeforeEach
    void needsReferenceSupervisor() {
        assumeTrue(RealSupervisord.available(), "reference Supervisor not installed");
    }

    @Test
    void rereadUpdateAddAndRemoveMatchSupervisor() throws Exception {
        try (RealSupervisord sd = new RealSupervisord(BASE).start()) {
            // reread: a group appears, one changes, one disappears.
            sd.writeConf(BASE.replace("programs=g1", "programs=g1\npriority=5").replace(
                    "[program:foo]\ncommand=sleep 1000\nstartsecs=0\n", "") + EXTRA);
            assertSame(sd.python("reread"), sd.ours("reread"), false);
            assertSame(sd.python("avail"), sd.ours("avail"), false);
            RealSupervisord.Outcome pyPartial = sd.python("update", "nope", "extra");
            sd.ours("stop extra");
            sd.ours("remove extra");
            assertSame(pyPartial, sd.ours("update nope extra"), false);
            // Undo what the Python run did, so ours meets the same state.
            sd.ours("stop extra");
            sd.ours("remove extra");
            RealSupervisord.Outcome pyAdd = sd.python("add extra");
            sd.ours("stop extra");
            sd.ours("remove extra");
            assertSame(pyAdd, sd.ours("add extra"), false);
            assertSame(sd.python("add extra"), sd.ours("add extra"), false);
            assertSame(sd.python("remove extra"), sd.ours("remove extra"), false);
            sd.ours("stop extra");
            RealSupervisord.Outcome pyRemove = sd.python("remove extra");
            sd.ours("add extra");
            sd.ours("stop extra");
            assertSame(pyRemove, sd.ours("remove extra"), false);
            sd.ours("add extra");
            // update everything: foo disappears, grp changes, extra is already there.
            RealSupervisord.Outcome pyUpdate = sd.python("update");
            sd.writeConf(BASE + EXTRA);
            sd.ours("update");
            sd.writeConf(BASE.replace("programs=g1", "programs=g1\npriority=5").replace(
                    "[program:foo]\ncommand=sleep 1000\nstartsecs=0\n", "") + EXTRA);
            assertSame(pyUpdate, sd.ours("update"), true);
            assertSame(sd.python("update"), sd.ours("update all"), false);
            assertSame(sd.python("reread"), sd.ours("reread"), false);
        }
    }

    @Test
    void reloadAndShutdownMatchSupervisor() throws Exception {
        try (RealSupervisord a = new RealSupervisord(BASE).start();
                RealSupervisord b = new RealSupervisord(BASE).start()) {
            RealSupervisord.Outcome pyReload = a.python("reload");
            a.awaitUp();
            assertSame(pyReload, b.ours("reload"), false);
            b.awaitUp();
            assertSame(a.python("shutdown"), b.ours("shutdown"), false);
            a.awaitExit();
            b.awaitExit();
            assertThat(b.isAlive()).isFalse();
            // Now nobody listens: the "already shut down?" messages.
            for (String action : new String[] {"shutdown", "status", "pid", "version", "start foo",
                    "reread", "avail", "tail foo", "reload"}) {
                assertSame(b.python(action), b.ours(action), false);
            }
        }
    }

    @Test
    void refusedTcpConnectionsMatchSupervisor() throws Exception {
        String url = "http://127.0.0.1:" + RealSupervisord.freePort();
        for (String action : new String[] {"status", "pid all", "shutdown", "avail", "stop all"}) {
            assertSame(RealSupervisord.pythonRaw(null, "-s", url, action),
                    RealSupervisord.oursRaw(null, "-s", url, action), false);
        }
    }

    @Test
    void asksForCredentialsOnlyWhenInteractive() throws Exception {
        String auth = "username=user\npassword=123\n";
        try (RealSupervisord sd = new RealSupervisord(BASE, auth).start()) {
            String url = "http://127.0.0.1:" + sd.port;
            assertSame(RealSupervisord.pythonRaw(null, "-s", url, "status"),
                    RealSupervisord.oursRaw(null, "-s", url, "status"), false);
            assertSame(RealSupervisord.pythonRaw(null, "-s", url, "-u", "user", "-p", "bad", "version"),
                    RealSupervisord.oursRaw(null, "-s", url, "-u", "user", "-p", "bad", "version"), false);
            assertSame(RealSupervisord.pythonRaw(null, "-s", url, "-u", "user", "-p", "123", "status"),
                    RealSupervisord.oursRaw(null, "-s", url, "-u", "user", "-p", "123", "status"), false);
            RealSupervisord.Outcome asked = RealSupervisord.oursRaw("user\n123\n", "-i", "-s", url, "version");
            assertThat(asked.stdout()).isEqualTo(
                    "Server requires authentication\nUsername:Password:\n4.2.5\n");
            assertThat(asked.exit()).isZero();
        }
    }
}
