package org.jsupervisor.supervisorctl;

import java.util.List;
import java.util.Map;

import org.jsupervisor.rpc.Faults;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What supervisorctl prints for answers a healthy supervisord rarely gives; messages and
 * exit codes follow Supervisor 4.2.5's supervisorctl.py.
 */
class UnusualServerAnswersTest {

    @Test
    void reportsAServerWithAnotherApiVersion() {
        FakeServer s = new FakeServer().on("getVersion", "2.0");
        assertThat(s.run("status")).isEqualTo("Sorry, this version of supervisorctl expects to talk to a"
                + " server with API version 3.0, but the remote version is 2.0.\n");
        assertThat(s.exit).isEqualTo(4);
        s.run("start foo");
        assertThat(s.exit).isEqualTo(ExitStatus.NOT_INSTALLED);
    }

    @Test
    void reportsAServerWithoutTheSupervisorNamespace() {
        FakeServer s = new FakeServer().on("getVersion", FakeServer.fault(Faults.UNKNOWN_METHOD, "UNKNOWN_METHOD"));
        assertThat(s.run("version")).startsWith("Sorry, supervisord responded but did not recognize");
        assertThat(s.exit).isEqualTo(ExitStatus.UNIMPLEMENTED_FEATURE);
    }

    @Test
    void saysWhenTheDaemonIsShuttingDown() {
        FakeServer s = new FakeServer()
                .on("shutdown", FakeServer.fault(Faults.SHUTDOWN_STATE, "SHUTDOWN_STATE"))
                .on("restart", FakeServer.fault(Faults.SHUTDOWN_STATE, "SHUTDOWN_STATE"))
                .on("getAllConfigInfo", FakeServer.fault(Faults.SHUTDOWN_STATE, "SHUTDOWN_STATE"))
                .on("reloadConfig", FakeServer.fault(Faults.SHUTDOWN_STATE, "SHUTDOWN_STATE"))
                .on("addProcessGroup", FakeServer.fault(Faults.SHUTDOWN_STATE, "SHUTDOWN_STATE"));
        assertThat(s.run("shutdown")).isEqualTo("ERROR: already shutting down\n");
        assertThat(s.exit).as("shutdown while shutting down is not an error").isZero();
        assertThat(s.run("reload")).isEqualTo("ERROR: already shutting down\n");
        assertThat(s.exit).isEqualTo(1);
        assertThat(s.run("avail")).isEqualTo("ERROR: supervisor shutting down\n");
        assertThat(s.run("reread")).isEqualTo("ERROR: supervisor shutting down\n");
        assertThat(s.run("update")).isEqualTo("ERROR: already shutting down\n");
        assertThat(s.run("add x")).isEqualTo("ERROR: shutting down\n");
    }

    @Test
    void showsWhyTheConfigurationCannotBeReread() {
        FakeServer s = new FakeServer().on("reloadConfig",
                FakeServer.fault(Faults.CANT_REREAD, "CANT_REREAD: bad.conf: [program:x] command: missing"));
        assertThat(s.run("reread")).isEqualTo("ERROR: CANT_REREAD: bad.conf: [program:x] command: missing\n");
        assertThat(s.exit).isEqualTo(1);
        assertThat(s.run("update")).startsWith("error: <class 'xmlrpc.client.Fault'>, <Fault 92: ");
    }

    @Test
    void keepsAGroupWhoseProcessesFailedToStop() {
        FakeServer s = new FakeServer()
                .on("reloadConfig", List.of(List.of(List.of(), List.of(), List.of("old"))))
                .on("stopProcessGroup", List.of(Map.of("name", "a", "group", "old",
                        "status", Faults.FAILED, "description", "old:a: ERROR (abnormal)")));
        assertThat(s.run("update")).isEqualTo("old: stopped\nold: has problems; not removing\n");
        assertThat(s.exit).isEqualTo(1);
        assertThat(s.calls).noneMatch(c -> c.startsWith("supervisor.removeProcessGroup"));
    }

    @Test
    void printsTheServersTextForAFailedSignal() {
        FakeServer s = new FakeServer().on("signalProcess",
                FakeServer.fault(Faults.FAILED, "FAILED: foo: could not be signalled"));
        assertThat(s.run("signal HUP foo")).isEqualTo("FAILED: foo: could not be signalled\n");
        assertThat(s.exit).isEqualTo(1);
        assertThat(s.run("stop foo")).isEqualTo("error: <class 'ValueError'>, Unknown result code 1 for foo\n");
    }

    @Test
    void reportsMissingAndUnreadableLogs() {
        FakeServer s = new FakeServer()
                .on("readProcessStdoutLog", FakeServer.fault(Faults.FAILED, "FAILED"))
                .on("readLog", FakeServer.fault(Faults.NO_FILE, "NO_FILE"));
        assertThat(s.run("tail foo")).isEqualTo("foo: ERROR (unknown error reading log)\n");
        assertThat(s.run("maintail")).isEqualTo("supervisord: ERROR (no log file)\n");
        assertThat(s.exit).isEqualTo(1);
    }

    @Test
    void startErrorsNameTheirCause() {
        FakeServer s = new FakeServer().on("startProcessGroup", List.of(
                Map.of("name", "a", "group", "g", "status", Faults.NO_FILE, "description", "x"),
                Map.of("name", "b", "group", "g", "status", Faults.NOT_EXECUTABLE, "description", "x"),
                Map.of("name", "c", "group", "g", "status", Faults.ABNORMAL_TERMINATION, "description", "x"),
                Map.of("name", "d", "group", "g", "status", Faults.SUCCESS, "description", "x")));
        assertThat(s.run("start g:*")).isEqualTo("g:a: ERROR (no such file)\ng:b: ERROR (file is not executable)\n"
                + "g:c: ERROR (abnormal termination)\ng:d: started\n");
        assertThat(s.exit).isEqualTo(ExitStatus.NOT_RUNNING);
    }
}
