package org.jsupervisor.supervisord.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.jsupervisor.common.config.LogLevel;
import org.junit.jupiter.api.Test;

class GetoptTest {
    private static final Path CWD = Path.of("/tmp");

    @Test
    void acceptsClustersAttachedValuesAndLongPrefixes() throws Exception {
        ServerOptions o = ServerOptions.parse(new String[] {"-nkc", "/etc/s.conf", "-e", "debug", "--logfile_max=5MB",
            "--ident", "box", "-m022"}, CWD);
        assertThat(o.nodaemon).isTrue();
        assertThat(o.nocleanup).isTrue();
        assertThat(o.configFile).isEqualTo(Path.of("/etc/s.conf"));
        assertThat(o.loglevel).isEqualTo(LogLevel.DEBUG);
        assertThat(o.logfileMaxbytes).isEqualTo(5L * 1024 * 1024);
        assertThat(o.identifier).isEqualTo("box");
        assertThat(o.umask).isEqualTo(022);
    }

    @Test
    void refusesWithPythonGetoptsWords() {
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"-c"}, CWD)).hasMessage("option -c requires argument");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--log", "x"}, CWD))
                .hasMessage("option --log not a unique prefix");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--nodaemon=1"}, CWD))
                .hasMessage("option --nodaemon must not have an argument");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"-e", "loud"}, CWD))
                .hasMessage("invalid value for -e 'loud': bad logging level name 'loud'");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"-c", "a", "-c", "b"}, CWD))
                .hasMessage("conflicting command line option '-c'");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"extra"}, CWD))
                .hasMessage("positional arguments are not supported: ['extra']");
    }
}
