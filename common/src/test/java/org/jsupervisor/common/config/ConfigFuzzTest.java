package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole random configuration files, valid and invalid, loaded by us and by the installed
 * Supervisor: every file must be accepted or refused by both, with the same values. The
 * values come from pools of realistic and broken spellings for each key. Fixed seeds, so a
 * failure repeats; skipped where Supervisor is not installed.
 */
class ConfigFuzzTest {
    private static final String[][] PROGRAM_KEYS = {
        {"command", "/bin/true", "/bin/echo %(program_name)s %(group_name)s", "", "/bin/echo %(process_num)02d",
            "/bin/echo %(ENV_JS)s", "/bin/echo 100%", "/bin/echo %(nope)s", "/bin/echo %(numprocs)d %%"},
        {"process_name", "%(program_name)s", "%(program_name)s_%(process_num)d", "a b", "x:y", "p%(process_num)s",
            "%(ENV_JS)s-%(process_num)x"},
        {"numprocs", "1", "2", "0", "-1", "x", "3"},
        {"numprocs_start", "0", "5", "-2", "z", "1_0"},
        {"priority", "1", "999", "-5", "abc", "%(program_name)s", "+3", "%(ENV_NUM)s"},
        {"autostart", "true", "false", "yes", "maybe", "ON", ""},
        {"autorestart", "true", "false", "unexpected", "UNEXPECTED", "sometimes", "1"},
        {"startsecs", "0", "1", "x", " 7"}, {"startretries", "3", "-1", "3.5"},
        {"stopsignal", "TERM", "sigkill", "9", "99", "FOO", "usr2", "SIGHUP", "iot"},
        {"stopwaitsecs", "10", "0", "ten"},
        {"stopasgroup", "true", "false", "nah"}, {"killasgroup", "true", "false", "1"},
        {"exitcodes", "0", "0,1", "256", "", "a", "1,,2", " 3 , 4", "-1"},
        {"redirect_stderr", "true", "false", "maybe"},
        {"stdout_logfile", "AUTO", "NONE", "", "logs/x.log", "/nonexistent-js/x", "syslog",
            "logs/%(process_num)d.log", "%(here)s/logs/a.log", "off", "logs/a%%b.log", "~/x.log"},
        {"stderr_logfile", "AUTO", "none", "logs/e.log", "syslog", "/nonexistent-js/e"},
        {"stdout_logfile_maxbytes", "1MB", "0", "1.5MB", "10", "5kb", "x", "1GB"},
        {"stderr_logfile_backups", "10", "0", "x"},
        {"stdout_capture_maxbytes", "0", "1KB", "bad"}, {"stderr_events_enabled", "true", "false", "x"},
        {"stdout_syslog", "true", "no", "?"},
        {"environment", "A=1", "A=\"1,2\",B=3", "A=1 B=2", "X=%(ENV_JS)s", "N=%(process_num)d", "Q=\"open",
            "P=%(program_name)s,G=%(group_name)s", "E=", "K=a;L=b"},
        {"directory", "/tmp", "/nonexistent-js", "%(here)s", "%(ENV_JS)s"},
        {"umask", "022", "8", "0o7", "x", "777"},
        {"user", "nobody", "root", "0", "nosuchuser-js", "%(ENV_USERNAME)s"},
        {"serverurl", "AUTO", "http://x:1", "", "unix:///tmp/x", "auto"},
    };
    private static final String[][] SUPERVISORD_KEYS = {
        {"logfile", "logs/s.log", "syslog", "/nonexistent-js/s.log", "%(here)s/logs/s.log", "~/s.log"},
        {"logfile_maxbytes", "50MB", "0", "x"}, {"logfile_backups", "10", "x"},
        {"loglevel", "info", "debug", "BLATHER", "loud", "warn", "error", "critical", "trace"},
        {"pidfile", "logs/s.pid", "/nonexistent-js/p"}, {"umask", "022", "9", "0o77"},
        {"nodaemon", "true", "x"}, {"silent", "false", "on"}, {"minfds", "1024", "-1", "x"},
        {"minprocs", "200", "y"}, {"nocleanup", "true", "no"},
        {"childlogdir", "/tmp", "/nonexistent-js", "%(here)s/logs", "~"},
        {"user", "nobody", "nosuchuser-js"}, {"directory", "/tmp", "/nonexistent-js", "dirs"},
        {"strip_ansi", "true", "x"}, {"identifier", "sup", "%(ENV_JS)s", "%(here)s"},
        {"environment", "G=1", "G=\"a,b\",H=%(ENV_JS)s", "G=1 H=2", "G=%%%%x", "G=%(host_node_name)s"},
    };
    private static final String[][] LISTENER_KEYS = {
        {"command", "/bin/cat"}, {"events", "PROCESS_STATE", "TICK_5,tick_60", "", "NOPE", "PROCESS_STATE, EVENT"},
        {"buffer_size", "10", "0", "x"}, {"priority", "-1", "5", "p"}, {"redirect_stderr", "false", "true"},
        {"result_handler", "supervisor.dispatchers:default_handler", "nosuchmodule_js:h"},
        {"numprocs", "1", "2"}, {"process_name", "%(program_name)s", "%(program_name)s_%(process_num)d"},
    };
    private static final String[][] FCGI_KEYS = {
        {"command", "/bin/true"},
        {"socket", "tcp://127.0.0.1:9921", "unix:///tmp/js-fz-%(program_name)s.sock", "unix://rel", "", "udp://x:1",
            "tcp://h:70000", "TCP://x:1"},
        {"socket_backlog", "10", "0", "x"}, {"socket_owner", "nobody", "nobody:nogroup", "nosuchuser-js"},
        {"socket_mode", "0600", "x"}, {"user", "nobody"},
    };
    private static final String[][] INET_KEYS = {
        {"port", "9001", "*:9001", ":9001", "h:70000", "127.0.0.1:", "x", "LOCALHOST:9002", "%(ENV_NUM)s"},
        {"username", "u"}, {"password", "p", "{SHA}abc", "p%%"},
    };
    private static final String[][] UNIX_KEYS = {
        {"file", "/tmp/js-fz.sock", "%(here)s/x.sock", "rel.sock"}, {"chmod", "0700", "x", "777"},
        {"chown", "nobody", "nobody:nogroup", "nosuchuser-js", "nobody:nosuchgroup-js"},
        {"username", "u"}, {"password", "p"},
    };

    private static void section(StringBuilder b, Random rnd, String header, String[][] keys, double p) {
        b.append('[').append(header).append("]\n");
        for (String[] k : keys) {
            if (rnd.nextDouble() < p) {
                // the first spelling in each pool is valid; use it most of the time so that
                // a fair share of the files is accepted and their values get compared
                String v = rnd.nextInt(10) == 0 ? k[1 + rnd.nextInt(k.length - 1)] : k[1];
                b.append(k[0]).append(" = ").append(v).append('\n');
            }
        }
        b.append('\n');
    }

    private static String config(Random rnd, Path dir, int index) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        if (rnd.nextInt(6) == 0) {
            // [DEFAULT] reaches every section, [supervisord] included
            section(b, rnd, "DEFAULT", PROGRAM_KEYS, 0.08);
        }
        section(b, rnd, "supervisord", SUPERVISORD_KEYS, 0.15);
        if (rnd.nextInt(5) == 0) {
            StringBuilder inc = new StringBuilder();
            section(inc, rnd, "program:inc" + index, PROGRAM_KEYS, 0.2);
            if (!inc.toString().contains("\ncommand")) {
                inc.insert(inc.indexOf("\n") + 1, "command = /bin/echo %(here)s\n");
            }
            Files.createDirectories(dir.resolve("inc"));
            Files.writeString(dir.resolve("inc/f" + index + "-a.ini"), inc.toString());
            b.append("[include]\nfiles = inc/f").append(index).append("-*.ini")
                    .append(rnd.nextInt(4) == 0 ? " inc/none-*.ini" : "").append("\n\n");
        }
        List<String> programs = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            String name = "p" + i;
            programs.add(name);
            StringBuilder s = new StringBuilder();
            section(s, rnd, "program:" + name, PROGRAM_KEYS, 0.25);
            if (!s.toString().contains("\ncommand")) {
                s.insert(s.indexOf("\n") + 1, rnd.nextInt(8) == 0 ? "" : "command = /bin/true\n");
            }
            b.append(s);
        }
        if (rnd.nextInt(4) == 0) {
            b.append("[group:g]\nprograms = ").append(String.join(",", programs.subList(0, 1 + rnd.nextInt(programs.size()))))
                    .append(rnd.nextInt(5) == 0 ? ",missing" : "").append("\npriority = ").append(rnd.nextInt(3))
                    .append("\n\n");
        }
        if (rnd.nextInt(3) == 0) {
            section(b, rnd, "eventlistener:l", LISTENER_KEYS, 0.9);
        }
        if (rnd.nextInt(4) == 0) {
            section(b, rnd, "fcgi-program:f", FCGI_KEYS, 0.9);
        }
        if (rnd.nextInt(3) == 0) {
            section(b, rnd, "inet_http_server", INET_KEYS, 0.9);
        }
        if (rnd.nextInt(3) == 0) {
            section(b, rnd, "unix_http_server", UNIX_KEYS, 0.9);
        }
        if (rnd.nextInt(3) == 0) {
            b.append("[supervisorctl]\nserverurl = unix://%(here)s/c.sock\nhistory_file = ~/h\n");
        }
        return b.toString();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {11, 12})
    void randomFilesReadAsSupervisorReadsThem(int seed, @TempDir Path dir) throws Exception {
        assumeTrue(ReferenceSupervisor.available(), "Supervisor 4.2.5 is not installed here");
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("dirs"));
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("environment.json"), "{\"HOME\": \"@CORPUS@/home\", \"TMPDIR\": \"/tmp\","
                + " \"PATH\": \"/usr/bin:/bin\", \"JS\": \"js-value\", \"NUM\": \"42\", \"USERNAME\": \"nobody\"}\n");
        Random rnd = new Random(seed);
        int count = 150;
        for (int i = 0; i < count; i++) {
            Files.writeString(dir.resolve(String.format("fuzz%03d.conf", i)), config(rnd, dir, i));
        }
        ReferenceSupervisor.dump(dir);
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            String name = String.format("fuzz%03d.conf", i);
            try {
                ReferenceExpectations.assertReadsAsSupervisor(dir, name);
            } catch (AssertionError e) {
                failures.add(e.getMessage() + "\n--- " + name + ":\n" + Files.readString(dir.resolve(name)));
            }
            if (com.google.gson.JsonParser.parseString(Files.readString(dir.resolve(name.replace(".conf",
                    ".expected.json")))).getAsJsonObject().getAsJsonObject("server").get("accepted").getAsBoolean()) {
                accepted++;
            }
        }
        assertThat(failures).isEmpty();
        // the pools must give both outcomes, or the test says little
        assertThat(accepted).isBetween(10, count - 10);
    }
}
