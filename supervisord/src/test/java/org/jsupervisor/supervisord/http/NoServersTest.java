package org.jsupervisor.supervisord.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jsupervisor.common.config.ConfigLoader;
import org.jsupervisor.common.config.SupervisorConfig;
import org.jsupervisor.supervisord.rpc.FakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration without HTTP servers gets none, as with Supervisor, and no Jetty threads for one. */
class NoServersTest {
    @TempDir
    Path dir;

    @Test
    void withoutHttpSectionsNothingListensAndNoHttpThreadStarts() throws Exception {
        Path conf = Files.writeString(dir.resolve("sd.conf"), String.join("\n",
                "[supervisord]",
                "logfile=" + dir.resolve("sd.log"),
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                "[program:foo]",
                "command=/bin/cat",
                "") + "\n");
        SupervisorConfig config = ConfigLoader.load(conf);
        JettyControlPlane plane = (JettyControlPlane) new JettyControlPlaneFactory().create(config,
                new FakeEngine(config, dir));
        Set<Thread> before = Thread.getAllStackTraces().keySet(); // other tests' servers may still run
        plane.start();
        try {
            assertThat(plane.inetPort()).isEqualTo(-1);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("jsv-http")
                    && !before.contains(t));
        } finally {
            plane.close();
        }
    }
}
