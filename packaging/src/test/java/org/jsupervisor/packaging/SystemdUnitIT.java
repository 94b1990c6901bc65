package org.jsupervisor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** supervisor.service: what it asks of systemd, and systemd's own check of it. */
class SystemdUnitIT {
    private static final Path UNIT = Build.packagingSrc("init/supervisor.service");

    @Test
    void runsTheDaemonInTheForegroundReloadsWithHupAndStopsOnlyTheDaemonWithTerm() throws Exception {
        Map<String, String> service = DebianPackageIT.section(Files.readString(UNIT), "Service");
        assertThat(service.get("ExecStart")).startsWith("/usr/bin/supervisord -n -c /etc/supervisor/supervisord.conf");
        assertThat(service).containsEntry("ExecReload", "/bin/kill -HUP $MAINPID")
                .containsEntry("KillMode", "process")
                .containsEntry("KillSignal", "SIGTERM")
                .containsEntry("Type", "simple")
                .containsEntry("EnvironmentFile", "-/etc/default/supervisor")
                .doesNotContainKey("ExecStop");
        // Long enough for supervisord to stop many programs, each within its stopwaitsecs.
        assertThat(Integer.parseInt(service.get("TimeoutStopSec"))).isGreaterThanOrEqualTo(60);
        assertThat(DebianPackageIT.section(Files.readString(UNIT), "Install"))
                .containsEntry("WantedBy", "multi-user.target");
    }

    @Test
    void passesSystemdAnalyzeVerify(@TempDir Path dir) throws Exception {
        assumeTrue(Run.onPath("systemd-analyze"), "systemd-analyze is not installed");
        String text = Files.readString(UNIT);
        if (!Files.isExecutable(Path.of("/usr/bin/supervisord"))) {
            // verify insists that ExecStart's program exists; use the source tree's launcher.
            text = text.replace("/usr/bin/supervisord", Build.source().resolve("bin/supervisord").toString());
        }
        Path copy = dir.resolve("supervisor.service");
        Files.writeString(copy, text);
        Run r = Run.of(List.of("systemd-analyze", "verify", copy.toString()),
                Map.of("SYSTEMD_LOG_LEVEL", "notice"), dir, Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.output()).isZero();
        // Unknown keys and bad values are only warnings, with the unit's name in them.
        assertThat(r.output().lines().filter(l -> l.contains("supervisor.service"))).isEmpty();
    }

    /**
     * Does what systemd would with the unit, without systemd: runs ExecStart (paths pointed
     * at a private configuration), sends ExecReload's HUP to the main pid, then KillSignal.
     * The main pid must stay the daemon's (Type=simple), and TERM must stop the programs and
     * end the daemon with status 0 well within TimeoutStopSec.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsupervisor", "python"})
    void theDaemonBehavesAsTheUnitExpects(String which) throws Exception {
        Path daemon = DaemonFixture.daemon(which);
        Map<String, String> service = DebianPackageIT.section(Files.readString(UNIT), "Service");
        try (DaemonFixture fx = new DaemonFixture()) {
            fx.writeConfig("");
            List<String> command = new ArrayList<>();
            for (String word : service.get("ExecStart").split("\\s+")) {
                if (word.equals("$DAEMON_OPTS")) {
                    continue; // empty in /etc/default/supervisor
                }
                command.add(word.replace("/usr/bin/supervisord", daemon.toString())
                        .replace("/etc/supervisor/supervisord.conf", fx.config().toString()));
            }
            Process main = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(fx.dir.resolve("journal").toFile()).start();
            try {
                long child = fx.childPid(-1);
                assertThat(DaemonFixture.pidIn(fx.pidfile())).as("the pidfile names the main process")
                        .contains(main.pid());

                assertThat(service.get("ExecReload")).isEqualTo("/bin/kill -HUP $MAINPID");
                Run.ok("/bin/kill", "-HUP", Long.toString(main.pid()));
                long reloaded = fx.childPid(child);
                assertThat(main.isAlive()).isTrue();

                Run.ok("/bin/kill", "-" + service.get("KillSignal").replace("SIG", ""), Long.toString(main.pid()));
                assertThat(main.waitFor(Long.parseLong(service.get("TimeoutStopSec")), TimeUnit.SECONDS))
                        .as("stops within TimeoutStopSec").isTrue();
                assertThat(main.exitValue()).as("a clean stop, not a failure; output:\n%s",
                        Files.readString(fx.dir.resolve("journal"))).isZero();
                assertThat(DaemonFixture.alive(reloaded)).as("KillMode=process: the daemon stops its programs").isFalse();
            } finally {
                main.destroyForcibly();
            }
        }
    }
}
