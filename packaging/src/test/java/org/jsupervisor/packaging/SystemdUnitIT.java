package org.jsupervisor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
