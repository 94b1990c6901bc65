package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** supervisord's command-line values replace the file's, checked by the same rules. */
class SupervisordOverridesTest {
    @TempDir
    Path dir;

    private LoadContext ctx() {
        return LoadContext.system().withCwd(dir).withEnvironment(Map.of("HOME", dir.toString(), "TMPDIR", "/tmp"));
    }

    private static SupervisordOverrides with(String logfile, String umask, String loglevel, String user) {
        SupervisordOverrides n = SupervisordOverrides.none();
        return new SupervisordOverrides(Optional.ofNullable(user), Optional.ofNullable(umask), n.directory(),
                Optional.ofNullable(logfile), n.logfileMaxbytes(), n.logfileBackups(), Optional.ofNullable(loglevel),
                n.pidfile(), Optional.of("cli"), n.childlogdir(), Optional.of("4096"), n.minprocs(), true, false, false,
                false);
    }

    @Test
    void commandLineValuesWinOverTheFile() throws Exception {
        Files.writeString(dir.resolve("s.conf"), "[supervisord]\nlogfile = a.log\numask = 077\nloglevel = warn\n"
                + "user = nosuchuser-js\n");
        SupervisordSection s = ConfigLoader.load(Path.of("s.conf"), ctx(), with("b.log", "002", "debug", "root"))
                .supervisord();
        assertThat(s.logfile()).isEqualTo(dir.resolve("b.log").toString());
        assertThat(s.umask()).isEqualTo(2);
        assertThat(s.loglevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(s.user()).contains("root");
        assertThat(s.identifier()).isEqualTo("cli");
        assertThat(s.minfds()).isEqualTo(4096);
        assertThat(s.nodaemon()).isTrue();
    }

    @Test
    void aBadCommandLineValueIsRefusedBeforeTheFileIsRead() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("missing.conf"), ctx(), with(null, "9", null, null)))
                .hasMessage("invalid value for --umask '9': 9 can not be converted to an octal type");
    }

    @Test
    void theFileIsStillCheckedInFull() throws Exception {
        Files.writeString(dir.resolve("s.conf"), "[supervisord]\nloglevel = loud\n");
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("s.conf"), ctx(), with(null, null, "debug", null)))
                .hasMessageContaining("[supervisord] loglevel");
    }

    @Test
    void anUnknownUserOnTheCommandLineIsRefused() throws Exception {
        Files.writeString(dir.resolve("s.conf"), "[supervisord]\n");
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("s.conf"), ctx(), with(null, null, null, "nosuchuser-js")))
                .hasMessage("invalid value for --user: Invalid user name nosuchuser-js");
    }

    @Test
    void serverUrlsNeedASchemeAndAPlace() throws Exception {
        assertThat(ConfigLoader.checkServerUrl("unix:///tmp/s.sock")).isEqualTo("unix:///tmp/s.sock");
        assertThat(ConfigLoader.checkServerUrl("http://localhost:9001")).isEqualTo("http://localhost:9001");
        assertThatThrownBy(() -> ConfigLoader.checkServerUrl("nowhere")).hasMessageContaining("is not a URL");
    }
}
