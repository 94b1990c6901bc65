package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/echo_supervisord_conf prints a sample that our reader (and Supervisor's) reads back. */
class EchoSupervisordConfTest {
    /** A switched-off line: ';[section]' or ';key = value' (explanations start with '; '). */
    private static final Pattern SWITCHED_OFF = Pattern.compile("(?m)^;(?=\\[|[a-z_.]+ = )");

    private static LoadContext context(Path cwd) {
        return LoadContext.system().withCwd(cwd).withHostname("sample-host")
                .withEnvironment(Map.of("HOME", "/tmp", "TMPDIR", "/tmp", "PATH", "/usr/bin:/bin"));
    }

    @Test
    void mainPrintsTheSample() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            EchoSupervisordConf.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo(EchoSupervisordConf.sample()).contains("[supervisord]");
    }

    @Test
    void sampleIsReadBackCleanly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("supervisord.conf");
        Files.writeString(file, EchoSupervisordConf.sample());
        SupervisorConfig c = ConfigLoader.load(file, context(dir));
        assertThat(c.parseWarnings()).isEmpty();
        assertThat(c.groups()).isEmpty();
        assertThat(c.unixHttpServer().orElseThrow().file()).isEqualTo("/tmp/supervisor.sock");
        assertThat(c.supervisord().logfile()).isEqualTo("/tmp/supervisord.log");
        assertThat(c.rpcInterfaces()).extracting(RpcInterfaceConfig::factory).containsExactly(LoadContext.MAIN_RPC_FACTORY);
        assertThat(ConfigLoader.loadClient(file, context(dir)).serverUrl()).isEqualTo("unix:///tmp/supervisor.sock");
    }

    @Test
    void everySwitchedOffExampleIsValidWhenSwitchedOn(@TempDir Path dir) throws Exception {
        String on = SWITCHED_OFF.matcher(EchoSupervisordConf.sample()).replaceAll("");
        Path file = dir.resolve("supervisord.conf");
        Files.writeString(file, on);
        SupervisorConfig c = ConfigLoader.load(file, context(dir));
        assertThat(c.groups()).extracting(GroupConfig::name)
                .containsExactlyInAnyOrder("example_group", "example_listener");
        assertThat(c.inetHttpServer()).isPresent();
        assertThat(c.supervisord().environment()).containsEntry("TZ", "UTC");
        assertThat(c.group("example_group").orElseThrow().processes()).extracting(ProcessConfig::name)
                .containsExactly("example", "example_fcgi");
        // the include glob matches nothing next to the file: Supervisor only warns
        assertThat(c.parseWarnings()).singleElement().asString().contains("No file matches");
    }

    @Test
    void switchedOnSampleReadsAsSupervisorReadsIt(@TempDir Path dir) throws Exception {
        assumeTrue(ReferenceSupervisor.available(), "Supervisor 4.2.5 is not installed here");
        Files.writeString(dir.resolve("on.conf"), SWITCHED_OFF.matcher(EchoSupervisordConf.sample()).replaceAll(""));
        Files.writeString(dir.resolve("off.conf"), EchoSupervisordConf.sample());
        Files.writeString(dir.resolve("environment.json"),
                "{\"HOME\": \"/tmp\", \"TMPDIR\": \"/tmp\", \"PATH\": \"/usr/bin:/bin\"}\n");
        ReferenceSupervisor.dump(dir);
        ReferenceExpectations.assertReadsAsSupervisor(dir, "on.conf");
        ReferenceExpectations.assertReadsAsSupervisor(dir, "off.conf");
    }
}
