package org.jsupervisor.supervisord.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jsupervisor.common.config.ConfigLoader;
import org.jsupervisor.supervisord.engine.OutputChannel;
import org.jsupervisor.supervisord.engine.ProcessId;
import org.jsupervisor.supervisord.rpc.FakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How /logtail URLs name log files: name forms and channels, as Supervisor resolves them. */
class EngineTailSourcesTest {
    @TempDir
    Path dir;

    @Test
    void resolvesProcessNamesAndChannelsLikeSupervisorsLogtailHandler() throws Exception {
        Path conf = dir.resolve("s.conf");
        Files.writeString(conf, "[supervisord]\nlogfile=%(here)s/sd.log\n[program:foo]\ncommand=/bin/cat\n"
                + "[group:grp]\nprograms=a\n[program:a]\ncommand=/bin/cat\n");
        FakeEngine engine = new FakeEngine(ConfigLoader.load(conf), dir);
        EngineTailSources sources = new EngineTailSources(engine);
        assertThat(sources.processLog("foo", "stdout")).contains(engine.logPath(new ProcessId("foo", "foo"), OutputChannel.STDOUT));
        assertThat(sources.processLog("grp:a", "stderr")).contains(engine.logPath(new ProcessId("grp", "a"), OutputChannel.STDERR));
        assertThat(sources.processLog("a", "stdout")).isEmpty();
        assertThat(sources.processLog("grp:zz", "stdout")).isEmpty();
        assertThat(sources.processLog("foo", "stdin")).isEmpty();
        assertThat(sources.mainLog()).isEqualTo(Optional.of(dir.resolve("supervisord.log")));
    }
}
