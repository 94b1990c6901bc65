package org.jsupervisor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution tarball: its layout, and its launchers run from an unpacked copy. */
class TarballIT {
    private static String top;
    private static List<String> entries;

    @BeforeAll
    static void list() throws Exception {
        top = "jsupervisor-" + Build.version() + "/";
        entries = Arrays.asList(Run.ok("tar", "-tvzf", Build.tarball().toString()).split("\n"));
    }

    private static String entry(String path) {
        return entries.stream().filter(l -> l.endsWith(" " + top + path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " is not in the tarball:\n" + String.join("\n", entries)));
    }

    @Test
    void hasTheDistributionLayoutUnderOneTopDirectory() {
        assertThat(entries).allMatch(l -> l.contains(" " + top), "everything under " + top);
        for (String launcher : List.of("supervisord", "supervisorctl", "echo_supervisord_conf", "pidproxy")) {
            assertThat(entry("bin/" + launcher)).startsWith("-rwxr-xr-x");
        }
        assertThat(entry("bin/jsupervisor-cds")).startsWith("-rwxr-xr-x");
        assertThat(entry("bin/lib/launcher.sh")).startsWith("-rw-r--r--");
        assertThat(entries).as("archives are made at install time, never shipped").noneMatch(l -> l.endsWith(".jsa"));
        assertThat(entry("LICENSE")).startsWith("-rw-r--r--");
        assertThat(entry("README.md")).startsWith("-rw-r--r--");
        assertThat(entry("config-samples/quickstart.conf")).isNotNull();
        assertThat(entry("config-samples/boot/supervisor.service")).isNotNull();
        assertThat(entry("config-samples/boot/supervisor.init")).isNotNull();
        assertThat(entry("config-samples/boot/supervisord.conf")).isNotNull();
        assertThat(entries).anyMatch(l -> l.contains(" " + top + "docs/"));
        assertThat(entry("lib/jsupervisor-supervisord-" + Build.version() + ".jar")).isNotNull();
        assertThat(entry("lib/jsupervisor-supervisorctl-" + Build.version() + ".jar")).isNotNull();
        List<String> jars = entries.stream().filter(l -> l.contains(" " + top + "lib/") && l.endsWith(".jar"))
                .map(l -> l.substring(l.lastIndexOf('/') + 1)).toList();
        assertThat(jars.stream().map(j -> j.replaceAll("-\\d[^-]*(-SNAPSHOT)?\\.jar$", "")).toList())
                .as("one version of each jar").doesNotHaveDuplicates();
        assertThat(jars).anyMatch(j -> j.startsWith("jline-")).anyMatch(j -> j.startsWith("jetty-server-"));
    }

    @Test
    void launchersRunFromAnUnpackedCopyWithOnlyJavaHome(@TempDir Path dir) throws Exception {
        Run.ok("tar", "-xzf", Build.tarball().toString(), "-C", dir.toString());
        Path home = dir.resolve(top);
        // No java on PATH: the launcher must take JAVA_HOME.
        Map<String, String> env = new HashMap<>();
        env.put("PATH", toolsWithoutJava(dir).toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JSUPERVISOR_JAVA_OPTS", null);

        Run echo = Run.of(List.of(home.resolve("bin/echo_supervisord_conf").toString()), env, dir, Duration.ofSeconds(60));
        assertThat(echo.exitCode()).as(echo.output()).isZero();
        assertThat(echo.output()).isNotBlank();

        Run help = Run.of(List.of(home.resolve("bin/supervisord").toString(), "-h"), env, dir, Duration.ofSeconds(60));
        assertThat(help.output()).doesNotContain("cannot find", "no java found");
        assumeFalse(help.exitCode() == 2 && help.output().contains("not implemented"),
                "supervisord's Main is still a stub");
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("-c").contains("-n");
    }

    /**
     * The documented install step: bin/jsupervisor-cds makes both archives for this JVM, the
     * launchers load classes from them, a stale one is skipped without a word, and a JVM that
     * cannot make one leaves no file behind and only a non-zero status.
     */
    @Test
    void cdsHelperMakesArchivesTheLaunchersUseAndAStaleOneIsSkippedQuietly(@TempDir Path dir) throws Exception {
        Run.ok("tar", "-xzf", Build.tarball().toString(), "-C", dir.toString());
        Path home = dir.resolve(top);
        Path lib = home.resolve("lib");
        String helper = home.resolve("bin/jsupervisor-cds").toString();
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JSUPERVISOR_JAVA_OPTS", null);
        Duration t = Duration.ofSeconds(180);

        Run make = Run.of(List.of(helper), env, dir, t);
        assertThat(make.exitCode()).as(make.output()).isZero();
        assertThat(lib.resolve("supervisord.jsa")).isNotEmptyFile();
        assertThat(lib.resolve("supervisorctl.jsa")).isNotEmptyFile();
        assertThat(tempArchives(lib)).isEmpty();

        Map<String, String> logging = new HashMap<>(env);
        logging.put("JSUPERVISOR_JAVA_OPTS", "-Xlog:class+load=info:stdout");
        for (String launcher : List.of("supervisord", "supervisorctl")) {
            Run r = Run.of(List.of(home.resolve("bin/" + launcher).toString(), "-h"), logging, dir, t);
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).as(launcher + " loads classes from its archive")
                    .contains("source: shared objects file (top)");
        }

        // New jar contents (as after an upgrade): the archives no longer fit.
        try (var jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
            }
        }
        for (String launcher : List.of("supervisord", "supervisorctl")) {
            Run r = Run.of(List.of(home.resolve("bin/" + launcher).toString(), "-h"), env, dir, t);
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).as("no JVM warning about the stale archive").doesNotContain("warning", "shared archive");
            assertThat(r.output()).startsWith(launcher + " -- ");
        }

        // A JVM that cannot make an archive: status 1, a message, no partial file.
        Path fakeJdk = Files.createDirectories(dir.resolve("fakejdk/bin"));
        Files.writeString(fakeJdk.resolve("java"), "#!/bin/sh\necho broken >&2\nexit 1\n");
        assertThat(fakeJdk.resolve("java").toFile().setExecutable(true)).isTrue();
        Run.ok(helper, "--remove");
        Map<String, String> broken = new HashMap<>(env);
        broken.put("JAVA_HOME", dir.resolve("fakejdk").toString());
        Run fail = Run.of(List.of(helper), broken, dir, t);
        assertThat(fail.exitCode()).isEqualTo(1);
        assertThat(fail.output()).contains("could not make");
        assertThat(lib.resolve("supervisord.jsa")).doesNotExist();
        assertThat(lib.resolve("supervisorctl.jsa")).doesNotExist();
        assertThat(tempArchives(lib)).isEmpty();
    }

    private static List<Path> tempArchives(Path lib) throws Exception {
        try (var files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().contains(".jsa.tmp")).toList();
        }
    }

    /** A directory to serve as the whole PATH: the tools the launchers use, but no java. */
    private static Path toolsWithoutJava(Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("usrbin"));
        for (String tool : List.of("dirname", "readlink", "basename")) {
            Path wrapper = bin.resolve(tool);
            Files.writeString(wrapper, "#!/bin/sh\nexec /usr/bin/" + tool + " \"$@\"\n");
            assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        }
        return bin;
    }

    /** The unpacked distribution as a user runs it: the daemon detaches, supervisorctl drives it. */
    @Test
    void aDaemonFromTheTarballRunsProgramsAndObeysItsSupervisorctl(@TempDir Path dir) throws Exception {
        assumeFalse(Build.ourDaemonIsAStub(), "supervisord's Main is still a stub");
        Run.ok("tar", "-xzf", Build.tarball().toString(), "-C", dir.toString());
        Path home = dir.resolve(top);
        try (DaemonFixture fx = new DaemonFixture()) {
            fx.writeConfig("");
            Run start = Run.of(List.of(home.resolve("bin/supervisord").toString(), "-c", fx.config().toString()),
                    Map.of(), fx.dir, Duration.ofSeconds(60));
            assertThat(start.exitCode()).as(start.output()).isZero();
            long child = fx.childPid(-1);
            long daemon = DaemonFixture.pidIn(fx.pidfile()).orElseThrow();

            String ctl = home.resolve("bin/supervisorctl").toString();
            Run status = Run.of(List.of(ctl, "-c", fx.config().toString(), "status"), Map.of(), fx.dir,
                    Duration.ofSeconds(60));
            assertThat(status.output()).as(status.output()).containsPattern("sleeper\\s+RUNNING\\s+pid " + child);

            Run shutdown = Run.of(List.of(ctl, "-c", fx.config().toString(), "shutdown"), Map.of(), fx.dir,
                    Duration.ofSeconds(60));
            assertThat(shutdown.exitCode()).as(shutdown.output()).isZero();
            org.awaitility.Awaitility.await().atMost(DaemonFixture.WAIT)
                    .until(() -> !DaemonFixture.alive(daemon) && !DaemonFixture.alive(child));
        }
    }
}
