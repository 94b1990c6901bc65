package org.jsupervisor.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the build put things; failsafe passes the paths as system properties. */
final class Build {
    private Build() {
    }

    static Path source() {
        return Path.of(System.getProperty("jsupervisor.source", "..")).toAbsolutePath().normalize();
    }

    static Path target() {
        return Path.of(System.getProperty("jsupervisor.target", "target")).toAbsolutePath().normalize();
    }

    static String version() {
        return System.getProperty("jsupervisor.version", "0.1.0-SNAPSHOT");
    }

    static Path tarball() {
        return target().resolve("jsupervisor-" + version() + ".tar.gz");
    }

    /** The one .deb in target/. */
    static Path deb() throws IOException {
        try (Stream<Path> s = Files.list(target())) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().matches("jsupervisor_.*_all\\.deb")).toList();
            if (debs.size() != 1) {
                throw new AssertionError("expected one jsupervisor_*_all.deb in " + target() + ", found " + debs);
            }
            return debs.get(0);
        }
    }

    static Path packagingSrc(String relative) {
        return source().resolve("packaging/src").resolve(relative);
    }

    /**
     * True while supervisord's Main is the placeholder that exits 2; tests that need a real
     * daemon skip then.
     */
    static boolean ourDaemonIsAStub() throws IOException, InterruptedException {
        Run r = Run.of(List.of(source().resolve("bin/supervisord").toString(), "-h"));
        return r.exitCode() == 2 && r.output().contains("not implemented");
    }
}
