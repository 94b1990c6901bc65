package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files in config-samples/ keep parsing, with the values they promise, and (where
 * Supervisor is installed) as Supervisor reads them.
 */
class ConfigSamplesTest {
    static final Path SAMPLES = Path.of("../config-samples").toAbsolutePath().normalize();

    private static LoadContext context(Path cwd) {
        return LoadContext.system().withCwd(cwd).withHostname("samples-host")
                .withEnvironment(Map.of("HOME", "/tmp", "TMPDIR", "/tmp", "PATH", "/usr/bin:/bin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart.conf", "web-stack.conf", "worker-pool.conf"})
    void sampleLoadsWithoutWarnings(String name) throws Exception {
        SupervisorConfig c = ConfigLoader.load(SAMPLES.resolve(name), context(SAMPLES));
        assertThat(c.groups()).isNotEmpty();
        assertThat(c.rpcInterfaces()).extracting(RpcInterfaceConfig::factory)
                .containsExactly(LoadContext.MAIN_RPC_FACTORY);
        assertThat(c.parseWarnings()).isEmpty();
        assertThat(ConfigLoader.loadClient(SAMPLES.resolve(name), context(SAMPLES)).serverUrl()).startsWith("unix:///tmp/");
    }

    @Test
    void quickstartKeepsEverythingUnderTmp() throws Exception {
        SupervisorConfig c = ConfigLoader.load(SAMPLES.resolve("quickstart.conf"), context(SAMPLES));
        assertThat(c.supervisord().logfile()).startsWith("/tmp/");
        assertThat(c.supervisord().pidfile()).startsWith("/tmp/");
        assertThat(c.supervisord().childlogdir()).isEqualTo("/tmp");
        assertThat(c.unixHttpServer().orElseThrow().file()).startsWith("/tmp/");
    }

    @Test
    void workerPoolStartsEightNumberedWorkers() throws Exception {
        SupervisorConfig c = ConfigLoader.load(SAMPLES.resolve("worker-pool.conf"), context(SAMPLES));
        GroupConfig pool = c.group("worker").orElseThrow();
        assertThat(pool.processes()).extracting(ProcessConfig::name)
                .containsExactly("worker_00", "worker_01", "worker_02", "worker_03", "worker_04", "worker_05",
                        "worker_06", "worker_07");
        assertThat(pool.processes().get(3).environment()).containsEntry("WORKER_ID", "3");
        assertThat(pool.processes().get(3).stdout().target()).isEqualTo(new LogTarget.File("/tmp/workerpool-03.log"));
        assertThat(c.group("state-watch").orElseThrow()).isInstanceOf(EventListenerPoolConfig.class);
    }

    @Test
    void webStackGroupsNginxAndTheAppAndOrdersByPriority() throws Exception {
        SupervisorConfig c = ConfigLoader.load(SAMPLES.resolve("web-stack.conf"), context(SAMPLES));
        assertThat(c.groups()).extracting(GroupConfig::name).containsExactly("redis", "web", "celery");
        assertThat(c.group("web").orElseThrow().processes()).extracting(ProcessConfig::name)
                .containsExactly("nginx", "app"); // programs order; Supervisor does not sort a group
        assertThat(c.group("web").orElseThrow().processes().get(1).environment())
                .containsEntry("DJANGO_SETTINGS_MODULE", "app.settings.production")
                .containsEntry("LANG", "C.UTF-8");
        assertThat(c.inetHttpServer().orElseThrow().port()).isEqualTo(9011);
    }

    @Test
    void debianLayoutReadsItsConfDirectory() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/var/log/supervisor")), "needs /var/log/supervisor, as Debian's has");
        Path debian = SAMPLES.resolve("debian");
        SupervisorConfig c = ConfigLoader.load(debian.resolve("supervisord.conf"), context(debian));
        assertThat(c.groups()).extracting(GroupConfig::name).containsExactly("fatal-alert", "node-exporter", "mailer");
        assertThat(c.parseInfos()).hasSize(2).allMatch(s -> s.contains("/conf.d/"));
        assertThat(c.group("mailer").orElseThrow().processes().get(0).user()).contains("nobody");
    }

    /** The same samples, loaded by the installed Supervisor, give the same values. */
    @Test
    void samplesReadAsSupervisorReadsThem(@TempDir Path scratch) throws Exception {
        assumeTrue(ReferenceSupervisor.available(), "Supervisor 4.2.5 is not installed here");
        Path top = scratch.resolve("top");
        Files.createDirectories(top);
        for (String n : new String[] {"quickstart.conf", "web-stack.conf", "worker-pool.conf"}) {
            Files.copy(SAMPLES.resolve(n), top.resolve(n));
        }
        check(top, "quickstart.conf", "web-stack.conf", "worker-pool.conf");
        if (Files.isDirectory(Path.of("/var/log/supervisor"))) {
            Path debian = scratch.resolve("debian");
            ReferenceSupervisor.copyTree(SAMPLES.resolve("debian"), debian);
            check(debian, "supervisord.conf");
        }
    }

    private static void check(Path dir, String... names) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("environment.json"),
                "{\"HOME\": \"/tmp\", \"TMPDIR\": \"/tmp\", \"PATH\": \"/usr/bin:/bin\"}\n");
        ReferenceSupervisor.dump(dir);
        for (String n : names) {
            ReferenceExpectations.assertReadsAsSupervisor(dir, n);
        }
    }
}
