package org.jsupervisor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built .deb, read with dpkg-deb as dpkg would. */
class DebianPackageIT {
    private static final String HOME = "/usr/share/jsupervisor";

    /** dpkg-deb -c: path (without the leading ".") to its line. */
    private static Map<String, String> contents;
    private static Path deb;

    @BeforeAll
    static void listPackage() throws Exception {
        assumeTrue(Run.onPath("dpkg-deb"), "dpkg-deb is not installed");
        deb = Build.deb();
        contents = new LinkedHashMap<>();
        for (String line : Run.ok("dpkg-deb", "-c", deb.toString()).split("\n")) {
            Matcher m = Pattern.compile("^(\\S+)\\s+\\S+\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\.(/\\S*?)/?( -> (\\S+))?$").matcher(line);
            assertThat(m.matches()).as("dpkg-deb -c line: %s", line).isTrue();
            contents.put(m.group(2).isEmpty() ? "/" : m.group(2), line);
        }
    }

    private static String modeOf(String path) {
        assertThat(contents).as("files in the .deb").containsKey(path);
        return contents.get(path).split("\\s+")[0];
    }

    @Test
    void installsTheProgramsOnPathAsSymlinksIntoTheHome() {
        for (String program : List.of("supervisord", "supervisorctl", "echo_supervisord_conf", "pidproxy")) {
            assertThat(modeOf("/usr/bin/" + program)).startsWith("l");
            // Relative, as Debian wants for links within /usr.
            assertThat(contents.get("/usr/bin/" + program)).endsWith("-> ../share/jsupervisor/bin/" + program);
            assertThat(modeOf(HOME + "/bin/" + program)).isEqualTo("-rwxr-xr-x");
        }
        assertThat(modeOf(HOME + "/bin/lib/launcher.sh")).isEqualTo("-rw-r--r--");
    }

    @Test
    void shipsEveryRuntimeJarOnceInTheLibDirectory() {
        List<String> jars = contents.keySet().stream()
                .filter(p -> p.startsWith(HOME + "/lib/") && p.endsWith(".jar"))
                .map(p -> p.substring((HOME + "/lib/").length()))
                .toList();
        assertThat(jars).contains(
                "jsupervisor-supervisord-" + Build.version() + ".jar",
                "jsupervisor-supervisorctl-" + Build.version() + ".jar",
                "jsupervisor-common-" + Build.version() + ".jar");
        assertThat(jars).anyMatch(j -> j.startsWith("jetty-server-"));
        assertThat(jars).anyMatch(j -> j.startsWith("picocli-"));
        // One version of each artifact: strip the version and look for repeats.
        List<String> names = jars.stream().map(j -> j.replaceAll("-\\d[^-]*(-SNAPSHOT)?\\.jar$", "")).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(jars).noneMatch(j -> j.startsWith("junit") || j.startsWith("assertj") || j.startsWith("jsupervisor-packaging"));
    }

    @Test
    void installsTheConfigurationTheLogDirectoryAndTheBootFiles() {
        assertThat(modeOf("/etc/supervisor/supervisord.conf")).isEqualTo("-rw-r--r--");
        assertThat(modeOf("/etc/supervisor/conf.d")).startsWith("d");
        assertThat(modeOf("/var/log/supervisor")).isEqualTo("drwxr-xr-x");
        assertThat(modeOf("/etc/init.d/supervisor")).isEqualTo("-rwxr-xr-x");
        assertThat(modeOf("/etc/default/supervisor")).isEqualTo("-rw-r--r--");
        assertThat(modeOf("/lib/systemd/system/supervisor.service")).isEqualTo("-rw-r--r--");
        assertThat(modeOf("/usr/share/doc/jsupervisor/copyright")).isEqualTo("-rw-r--r--");
        assertThat(modeOf("/usr/share/doc/jsupervisor/changelog.gz")).isEqualTo("-rw-r--r--");
        assertThat(modeOf("/usr/share/doc/jsupervisor/install.md")).isEqualTo("-rw-r--r--");
        assertThat(contents.values()).allMatch(line -> line.contains(" root/root "), "owned by root");
    }

    @Test
    void declaresItsJavaDependencyAndTakesOverFromPythonSupervisor() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : List.of("Package", "Version", "Architecture", "Depends", "Conflicts", "Replaces",
                "Provides", "Maintainer", "Description", "Section")) {
            Run r = Run.of(List.of("dpkg-deb", "-f", deb.toString(), field));
            assertThat(r.exitCode()).as("dpkg-deb -f %s", field).isZero();
            fields.put(field, r.output().strip());
        }
        assertThat(fields.get("Package")).isEqualTo("jsupervisor");
        assertThat(fields.get("Version")).isEqualTo(Build.version().replace("-SNAPSHOT", "~SNAPSHOT"));
        assertThat(fields.get("Architecture")).isEqualTo("all");
        assertThat(fields.get("Depends")).isEqualTo("default-jre-headless (>= 2:1.17) | java17-runtime-headless");
        assertThat(fields.get("Conflicts")).isEqualTo("supervisor");
        assertThat(fields.get("Replaces")).isEqualTo("supervisor");
        assertThat(fields.get("Provides")).isEqualTo("supervisor");
        assertThat(fields.get("Section")).isEqualTo("admin");
        assertThat(fields.get("Maintainer")).isNotBlank();
        assertThat(fields.get("Description")).isNotBlank();

        String info = Run.ok("dpkg-deb", "-I", deb.toString());
        assertThat(info).contains(" postinst ", " prerm ", " postrm ", " conffiles ", " md5sums ", " triggers ");
        // A JVM package changing under /usr/lib/jvm makes postinst remake the CDS archives.
        assertThat(Run.ok("dpkg-deb", "-I", deb.toString(), "triggers")).contains("interest-noawait /usr/lib/jvm");
        assertThat(contents.keySet()).as("CDS archives are made at install time, not shipped")
                .noneMatch(p -> p.endsWith(".jsa"));
        assertThat(modeOf(HOME + "/bin/jsupervisor-cds")).isEqualTo("-rwxr-xr-x");
        String conffiles = Run.ok("dpkg-deb", "-I", deb.toString(), "conffiles");
        assertThat(conffiles.strip().split("\n")).containsExactlyInAnyOrder(
                "/etc/supervisor/supervisord.conf", "/etc/default/supervisor", "/etc/init.d/supervisor");
    }

    @Test
    void maintainerScriptsAreExecutableAndValidShell(@TempDir Path dir) throws Exception {
        Path control = dir.resolve("DEBIAN");
        Run.ok("dpkg-deb", "-e", deb.toString(), control.toString());
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path p = control.resolve(script);
            assertThat(Files.getPosixFilePermissions(p)).contains(PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE);
            assertThat(Files.readAllLines(p).get(0)).isEqualTo("#!/bin/sh");
            assertThat(Files.readString(p)).contains("set -e");
            Run.ok("sh", "-n", p.toString());
            // The packaged scripts are the ones in the source tree, unchanged.
            assertThat(Files.readString(p)).isEqualTo(Files.readString(Build.packagingSrc("deb/control/" + script)));
        }
    }

    @Test
    void packagedFilesAreTheSourceTreesFiles(@TempDir Path dir) throws Exception {
        Run.ok("dpkg-deb", "-x", deb.toString(), dir.toString());
        Map<String, String> sameAs = Map.of(
                "etc/init.d/supervisor", "init/supervisor.init",
                "etc/default/supervisor", "init/supervisor.default",
                "lib/systemd/system/supervisor.service", "init/supervisor.service",
                "etc/supervisor/supervisord.conf", "etc/supervisord.conf");
        for (var e : sameAs.entrySet()) {
            assertThat(dir.resolve(e.getKey())).hasSameTextualContentAs(Build.packagingSrc(e.getValue()));
        }
        assertThat(dir.resolve("usr/share/jsupervisor/bin/pidproxy")).hasSameTextualContentAs(Build.source().resolve("bin/pidproxy"));
        Run.ok("sh", "-n", dir.resolve("etc/init.d/supervisor").toString());
        Run.ok("sh", "-n", dir.resolve("usr/share/jsupervisor/bin/pidproxy").toString());
        for (String program : List.of("supervisord", "supervisorctl", "echo_supervisord_conf", "pidproxy")) {
            assertThat(dir.resolve("usr/bin/" + program).toRealPath())
                    .isEqualTo(dir.resolve("usr/share/jsupervisor/bin/" + program).toRealPath());
        }
    }

    @Test
    void launchersRunThroughTheUsrBinSymlinks(@TempDir Path dir) throws Exception {
        Run.ok("dpkg-deb", "-x", deb.toString(), dir.toString());
        Run echo = Run.of(List.of(dir.resolve("usr/bin/echo_supervisord_conf").toString()), Map.of(), dir,
                java.time.Duration.ofSeconds(60));
        assertThat(echo.exitCode()).as(echo.output()).isZero();
        assertThat(echo.output()).isNotBlank();
        Run pidproxy = Run.of(List.of(dir.resolve("usr/bin/pidproxy").toString()), Map.of(), dir,
                java.time.Duration.ofSeconds(30));
        assertThat(pidproxy.output()).contains("usage: pidproxy");
    }

    @Test
    void defaultConfigurationIncludesConfDAndUsesTheSocketUnderRun() throws IOException {
        String conf = Files.readString(Build.packagingSrc("etc/supervisord.conf"));
        assertThat(section(conf, "include")).containsEntry("files", "/etc/supervisor/conf.d/*.conf");
        assertThat(section(conf, "unix_http_server")).containsEntry("file", "/run/supervisor.sock");
        assertThat(section(conf, "supervisorctl")).containsEntry("serverurl", "unix:///run/supervisor.sock");
        Map<String, String> supervisord = section(conf, "supervisord");
        assertThat(supervisord).containsEntry("logfile", "/var/log/supervisor/supervisord.log")
                .containsEntry("childlogdir", "/var/log/supervisor");
        // The init script's default pidfile must be the one the daemon writes.
        String init = Files.readString(Build.packagingSrc("init/supervisor.init"));
        assertThat(init).contains("\nPIDFILE=" + supervisord.get("pidfile") + "\n");
        assertThat(section(conf, "rpcinterface:supervisor")).containsKey("supervisor.rpcinterface_factory");
    }

    @Test
    void postinstEnablesAndStartsWithSysvRcAndIsIdempotent(@TempDir Path dir) throws Exception {
        assumeTrue(!Files.isDirectory(Path.of("/run/systemd/system")), "systemd runs this machine");
        assumeTrue(Files.isExecutable(Path.of("/etc/init.d/supervisor")),
                "postinst registers /etc/init.d/supervisor only where it exists");
        Path stubs = Files.createDirectories(dir.resolve("stubs"));
        Path calls = dir.resolve("calls");
        for (String tool : List.of("deb-systemd-helper", "deb-systemd-invoke", "update-rc.d", "invoke-rc.d", "systemctl")) {
            Path stub = stubs.resolve(tool);
            Files.writeString(stub, "#!/bin/sh\necho \"" + tool + " $*\" >>'" + calls + "'\n"
                    + (tool.equals("deb-systemd-helper") ? "[ \"$1\" = --quiet ] && exit 0\n" : "") + "exit 0\n");
            stub.toFile().setExecutable(true);
        }
        String postinst = Build.packagingSrc("deb/control/postinst").toString();
        // JSUPERVISOR_NO_CDS: never touch a real /usr/share/jsupervisor from a test.
        Map<String, String> env = Map.of("PATH", stubs + ":/usr/sbin:/usr/bin:/sbin:/bin", "JSUPERVISOR_NO_CDS", "1");
        for (int round = 0; round < 2; round++) {
            Files.deleteIfExists(calls);
            Run r = Run.of(List.of("sh", postinst, "configure", ""), env, dir, java.time.Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(Files.readAllLines(calls)).containsExactly(
                    "deb-systemd-helper unmask supervisor.service",
                    "deb-systemd-helper --quiet was-enabled supervisor.service",
                    "deb-systemd-helper enable supervisor.service",
                    "update-rc.d supervisor defaults",
                    "invoke-rc.d supervisor start");
        }
        Files.deleteIfExists(calls);
        Run upgrade = Run.of(List.of("sh", postinst, "configure", "0.0.1"), env, dir, java.time.Duration.ofSeconds(30));
        assertThat(upgrade.exitCode()).isZero();
        assertThat(Files.readAllLines(calls)).last().isEqualTo("invoke-rc.d supervisor restart");

        Files.deleteIfExists(calls);
        String prerm = Build.packagingSrc("deb/control/prerm").toString();
        assertThat(Run.of(List.of("sh", prerm, "upgrade", "0.2.0"), env, dir, java.time.Duration.ofSeconds(30)).exitCode()).isZero();
        assertThat(calls).doesNotExist();
        assertThat(Run.of(List.of("sh", prerm, "remove"), env, dir, java.time.Duration.ofSeconds(30)).exitCode()).isZero();
        assertThat(Files.readAllLines(calls)).containsExactly("invoke-rc.d supervisor stop");

        Files.deleteIfExists(calls);
        String postrm = Build.packagingSrc("deb/control/postrm").toString();
        assertThat(Run.of(List.of("sh", postrm, "purge"), env, dir, java.time.Duration.ofSeconds(30)).exitCode()).isZero();
        assertThat(Files.readAllLines(calls)).contains("update-rc.d supervisor remove",
                "deb-systemd-helper purge supervisor.service");
    }

    /** Keys of one section of a Supervisor-style INI file, inline `;` comments removed. */
    static Map<String, String> section(String ini, String name) {
        Map<String, String> keys = new LinkedHashMap<>();
        boolean in = false;
        for (String raw : ini.split("\n")) {
            String line = raw.replaceAll("\\s+;.*$", "").strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                in = line.equals("[" + name + "]");
                continue;
            }
            if (in && line.contains("=")) {
                String[] kv = line.split("=", 2);
                keys.put(kv[0].strip(), kv[1].strip());
            }
        }
        assertThat(keys).as("section [%s]", name).isNotEmpty();
        return keys;
    }
}
