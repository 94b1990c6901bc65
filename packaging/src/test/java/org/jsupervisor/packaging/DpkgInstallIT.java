package org.jsupervisor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb installed by the real dpkg into a private root (no chroot: dpkg runs the
 * maintainer scripts with DPKG_ROOT set, and they must then touch nothing outside it),
 * taking over from a stand-in for Debian's supervisor package, then removed and purged.
 */
class DpkgInstallIT {
    @TempDir
    Path work;
    private Path root;

    private Run dpkg(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless",
                "--force-depends", "--log=" + root.resolve("var/log/dpkg.log")));
        cmd.addAll(List.of(args));
        return Run.of(cmd, Map.of(), work, Duration.ofSeconds(60));
    }

    private String status(String pkg) throws Exception {
        Run r = Run.of(List.of("dpkg-query", "--root=" + root, "-W", "-f=${db:Status-Abbrev}", pkg),
                Map.of(), work, Duration.ofSeconds(30));
        return r.exitCode() == 0 ? r.output().strip() : "not known";
    }

    private Path at(String path) {
        return root.resolve(path.substring(1));
    }

    /** Conffiles and a postrm like Debian's supervisor 4.2.5-1 package. */
    private Path fakePythonSupervisor() throws Exception {
        Path p = work.resolve("supervisor-pkg");
        Files.createDirectories(p.resolve("DEBIAN"));
        Files.writeString(p.resolve("DEBIAN/control"), """
                Package: supervisor
                Version: 4.2.5-1
                Architecture: all
                Maintainer: Test <test@localhost>
                Description: stand-in for Debian's supervisor
                """);
        Files.writeString(p.resolve("DEBIAN/conffiles"),
                "/etc/supervisor/supervisord.conf\n/etc/init.d/supervisor\n/etc/default/supervisor\n");
        // Debian's postrm clears the x bit of the init script on remove.
        Files.writeString(p.resolve("DEBIAN/postrm"), """
                #!/bin/sh
                set -e
                if [ "$1" = remove ] && [ -x "${DPKG_ROOT:-}/etc/init.d/supervisor" ]; then
                    chmod -x "${DPKG_ROOT:-}/etc/init.d/supervisor"
                fi
                """);
        p.resolve("DEBIAN/postrm").toFile().setExecutable(true, false);
        write(p, "etc/supervisor/supervisord.conf", "[supervisord]\n[include]\nfiles = /etc/supervisor/conf.d/*.conf\n");
        write(p, "etc/init.d/supervisor", "#!/bin/sh\nexit 0\n");
        p.resolve("etc/init.d/supervisor").toFile().setExecutable(true, false);
        write(p, "etc/default/supervisor", "DAEMON_OPTS=\"\"\n");
        write(p, "usr/bin/supervisord", "#!/usr/bin/python3\n");
        write(p, "lib/systemd/system/supervisor.service", "[Service]\nExecStart=/usr/bin/supervisord -n\n");
        Files.createDirectories(p.resolve("etc/supervisor/conf.d"));
        Path deb = work.resolve("supervisor_4.2.5-1_all.deb");
        Run.ok("dpkg-deb", "--root-owner-group", "-b", p.toString(), deb.toString());
        return deb;
    }

    private static void write(Path base, String rel, String text) throws Exception {
        Files.createDirectories(base.resolve(rel).getParent());
        Files.writeString(base.resolve(rel), text);
    }

    @Test
    void takesOverFromSupervisorAndIsRemovedAndPurgedCleanly() throws Exception {
        assumeTrue(Run.onPath("dpkg") && Run.onPath("dpkg-deb"), "dpkg is not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg --root needs root to set owners");
        assumeTrue(Run.of(List.of("dpkg", "--force-help")).output().contains("script-chrootless"),
                "this dpkg cannot run maintainer scripts without chroot");
        root = work.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createDirectories(root.resolve("var/log"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), "");
        Path ours = Build.deb();

        Run old = dpkg("-i", fakePythonSupervisor().toString());
        assertThat(old.exitCode()).as(old.output()).isZero();
        Files.writeString(at("/etc/supervisor/conf.d/app.conf"), "[program:app]\ncommand = /bin/true\n");

        // Unmodified conffiles change hands without a question (stdin is /dev/null).
        Run install = dpkg("-i", ours.toString());
        assertThat(install.exitCode()).as(install.output()).isZero();
        assertThat(install.output()).contains("will remove supervisor in favour of jsupervisor");
        assertThat(status("jsupervisor")).isEqualTo("ii");
        assertThat(status("supervisor")).as("only its configuration left").isIn("rc", "ic", "un", "not known");
        assertThat(at("/etc/init.d/supervisor")).hasSameTextualContentAs(Build.packagingSrc("init/supervisor.init"))
                .isExecutable();
        assertThat(at("/etc/supervisor/supervisord.conf")).hasSameTextualContentAs(Build.packagingSrc("etc/supervisord.conf"));
        assertThat(at("/etc/default/supervisor")).hasSameTextualContentAs(Build.packagingSrc("init/supervisor.default"));
        assertThat(at("/lib/systemd/system/supervisor.service")).hasSameTextualContentAs(Build.packagingSrc("init/supervisor.service"));
        assertThat(Files.readSymbolicLink(at("/usr/bin/supervisord"))).isEqualTo(Path.of("../share/jsupervisor/bin/supervisord"));
        assertThat(at("/usr/share/jsupervisor/bin/supervisord")).isExecutable();
        assertThat(at("/etc/supervisor/conf.d/app.conf")).exists();
        // Class-data-sharing archives: postinst makes none for another root (its JVM may not
        // run here, and the archives would record paths under that root) ...
        Path lib = at("/usr/share/jsupervisor/lib");
        assertThat(lib.resolve("supervisord.jsa")).doesNotExist();
        assertThat(install.output()).doesNotContain("could not make");
        // ... but the installed helper postinst runs on a real install works from that
        // layout, and what it makes must not keep dpkg from removing the directory below.
        Run cds = Run.of(List.of(at("/usr/share/jsupervisor/bin/jsupervisor-cds").toString()),
                Map.of("JAVA_HOME", System.getProperty("java.home")), work, Duration.ofSeconds(180));
        assertThat(cds.exitCode()).as(cds.output()).isZero();
        assertThat(lib.resolve("supervisord.jsa")).isNotEmptyFile();
        assertThat(lib.resolve("supervisorctl.jsa")).isNotEmptyFile();
        boolean systemdHelper = Run.onPath("deb-systemd-helper");
        Path wants = at("/etc/systemd/system/multi-user.target.wants/supervisor.service");
        if (systemdHelper) {
            assertThat(Files.isSymbolicLink(wants)).as("enabled at boot").isTrue();
        }

        // Installing again (an admin's edit kept) runs the scripts again without harm.
        Files.writeString(at("/etc/supervisor/supervisord.conf"), "; edited\n", java.nio.file.StandardOpenOption.APPEND);
        Run again = dpkg("--force-confold", "-i", ours.toString());
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(Files.readString(at("/etc/supervisor/supervisord.conf"))).endsWith("; edited\n");
        assertThat(status("jsupervisor")).isEqualTo("ii");

        assertThat(lib.resolve("supervisord.jsa")).as("an upgrade (prerm upgrade) drops archives that no longer fit")
                .doesNotExist();
        Run.of(List.of(at("/usr/share/jsupervisor/bin/jsupervisor-cds").toString()),
                Map.of("JAVA_HOME", System.getProperty("java.home")), work, Duration.ofSeconds(180));
        Run remove = dpkg("--remove", "jsupervisor");
        assertThat(remove.exitCode()).as(remove.output()).isZero();
        assertThat(remove.output()).doesNotContain("not empty");
        assertThat(at("/usr/share/jsupervisor")).as("archives made after install are removed too").doesNotExist();
        assertThat(Files.exists(at("/usr/bin/supervisord"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(at("/etc/supervisor/supervisord.conf")).as("conffiles stay until purge").exists();

        Run purge = dpkg("--purge", "jsupervisor");
        assertThat(purge.exitCode()).as(purge.output()).isZero();
        assertThat(status("jsupervisor")).isIn("un", "not known");
        assertThat(at("/etc/supervisor/supervisord.conf")).doesNotExist();
        assertThat(at("/etc/init.d/supervisor")).doesNotExist();
        assertThat(at("/etc/default/supervisor")).doesNotExist();
        assertThat(at("/etc/supervisor/conf.d/app.conf")).as("the admin's files stay").exists();
        if (systemdHelper) {
            assertThat(Files.exists(wants, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        }
    }
}
