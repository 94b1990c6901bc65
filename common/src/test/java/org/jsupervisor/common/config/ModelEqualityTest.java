package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reread compares groups by value, with Supervisor's notion of "the same". */
class ModelEqualityTest {
    @TempDir
    Path dir;

    private SupervisorConfig load(String text) throws Exception {
        Path p = dir.resolve("s.conf");
        Files.writeString(p, text);
        return ConfigLoader.load(p, LoadContext.system().withCwd(dir).withEnvironment(Map.of("TMPDIR", "/tmp")));
    }

    @Test
    void theSameTextGivesEqualGroups() throws Exception {
        String text = "[supervisord]\n[program:a]\ncommand = /bin/true\nenvironment = X=1,Y=2\n"
                + "[eventlistener:l]\ncommand = /bin/cat\nevents = TICK_5,PROCESS_STATE\n";
        assertThat(load(text).groups()).isEqualTo(load(text).groups());
    }

    @Test
    void aChangedCommandMakesTheGroupDifferent() throws Exception {
        assertThat(load("[supervisord]\n[program:a]\ncommand = /bin/true\n").groups())
                .isNotEqualTo(load("[supervisord]\n[program:a]\ncommand = /bin/false\n").groups());
    }

    @Test
    void fcgiSocketsAreComparedByAddressOnly() throws Exception {
        String base = "[supervisord]\n[fcgi-program:f]\ncommand = /bin/true\nsocket = unix:///tmp/js-eq.sock\n";
        assertThat(load(base + "socket_mode = 0600\n").groups()).isEqualTo(load(base + "socket_mode = 0666\n").groups());
        assertThat(load(base).groups()).isNotEqualTo(
                load(base.replace("js-eq.sock", "js-other.sock")).groups());
    }
}
