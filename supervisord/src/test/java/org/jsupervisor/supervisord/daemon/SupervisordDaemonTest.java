package org.jsupervisor.supervisord.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real daemon in its own JVM: flags, errors, signals, detaching. */
class SupervisordDaemonTest {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private ProcessBuilder daemon(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-Djsupervisor.launcher=supervisord", "-Djsupervisor.launcherEnv=_JAVA_SR_SIGNUM",
                "org.jsupervisor.supervisord.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("_JAVA_SR_SIGNUM", "39");
        pb.environment().remove("JSUPERVISOR_DAEMONIZED");
        pb.directory(dir.toFile());
        return pb;
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        Process p = daemon(args).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    private Path config(boolean nodaemon, String programs) throws IOException {
        Path f = dir.resolve("supervisord.conf");
        Files.writeString(f, "[supervisord]\nlogfile=" + dir.resolve("main.log") + "\npidfile=" + dir.resolve("sd.pid")
                + "\nchildlogdir=" + dir + "\nnodaemon=" + nodaemon + "\n\n" + programs);
        return f;
    }

    private String mainLog() throws IOException {
        Path p = dir.resolve("main.log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private long spawnedPid(String name) throws IOException {
        Matcher m = Pattern.compile("spawned: '" + name + "' with pid (\\d+)").matcher(mainLog());
        long pid = -1;
        while (m.find()) {
            pid = Long.parseLong(m.group(1));
        }
        return pid;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void helpAndVersionAnswerOnStdout() throws Exception {
        Result h = run("-h");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("-c/--configuration FILE").contains("--minprocs NUM");
        Result v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).isEqualTo("4.2.5\n");
    }

    @Test
    void badOptionsAndBrokenConfigsExitWithStatusTwo() throws Exception {
        Result bad = run("-x");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("Error: option -x not recognized\nFor help, use supervisord -h\n");
        Result umask = run("-m", "9z");
        assertThat(umask.err()).startsWith("Error: invalid value for -m '9z': 9z can not be converted to an octal type\n");
        Path f = dir.resolve("broken.conf");
        Files.writeString(f, "[supervisord]\n[program:x]\n");
        Result broken = run("-c", f.toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).startsWith("Error: ").contains("For help, use supervisord -h");
        assertThat(broken.err().lines().count()).isEqualTo(2);
    }

    @Test
    void foregroundDaemonSurvivesAHupWithABrokenConfigAndShutsDownCleanlyOnTerm() throws Exception {
        Path conf = config(true, "[program:sleeper]\ncommand=sleep 1000\nstartsecs=0\n");
        Process d = daemon("-c", conf.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile())
                .start();
        try {
            await().atMost(T).until(() -> mainLog().contains("success: sleeper entered RUNNING state"));
            long pid = spawnedPid("sleeper");
            assertThat(Files.readString(dir.resolve("sd.pid")).trim()).isEqualTo(String.valueOf(d.pid()));
            assertThat(Files.readString(dir.resolve("out"))).contains("INFO spawned: 'sleeper'"); // -n copies to stdout
            Files.writeString(conf, "[supervisord]\nnodaemon=maybe\n");
            ProcessHandle.of(d.pid()).orElseThrow();
            new ProcessBuilder("kill", "-HUP", String.valueOf(d.pid())).start().waitFor();
            await().atMost(T).until(() -> mainLog().contains("restart refused"));
            assertThat(mainLog()).contains("WARN received SIGHUP indicating restart request");
            assertThat(alive(pid)).isTrue();
            assertThat(spawnedPid("sleeper")).isEqualTo(pid);
            new ProcessBuilder("kill", "-TERM", String.valueOf(d.pid())).start().waitFor();
            assertThat(d.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(d.exitValue()).isZero();
            assertThat(alive(pid)).isFalse();
            assertThat(mainLog()).contains("WARN received SIGTERM indicating exit request")
                    .contains("stopped: sleeper (terminated by SIGTERM)");
            assertThat(dir.resolve("sd.pid")).doesNotExist();
        } finally {
            d.destroyForcibly();
        }
    }

    @Test
    void hupWithAGoodConfigRestartsWithTheNewPrograms() throws Exception {
        Path conf = config(true, "[program:a]\ncommand=sleep 1000\nstartsecs=0\n");
        Process d = daemon("-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await().atMost(T).until(() -> mainLog().contains("success: a entered RUNNING state"));
            long a = spawnedPid("a");
            config(true, "[program:b]\ncommand=sleep 1000\nstartsecs=0\n");
            new ProcessBuilder("kill", "-HUP", String.valueOf(d.pid())).start().waitFor();
            await().atMost(T).until(() -> mainLog().contains("success: b entered RUNNING state"));
            assertThat(alive(a)).isFalse();
            assertThat(mainLog()).contains("stopped: a (terminated by SIGTERM)");
            new ProcessBuilder("kill", "-USR2", String.valueOf(d.pid())).start().waitFor();
            await().atMost(T).until(() -> mainLog().contains("INFO received SIGUSR2 indicating log reopen request"));
            new ProcessBuilder("kill", "-INT", String.valueOf(d.pid())).start().waitFor();
            assertThat(d.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(alive(spawnedPid("b"))).isFalse();
        } finally {
            d.destroyForcibly();
        }
    }

    @Test
    void withoutNodaemonTheLauncherReturnsOnceTheDetachedDaemonIsUp() throws Exception {
        Path env = dir.resolve("child.env");
        Path conf = config(false, "[program:bg]\ncommand=sh -c 'env > " + env + "; exec sleep 1000'\nstartsecs=0\n");
        Result r = run("-c", conf.toString());
        assertThat(r.code()).isZero();
        long pid = Long.parseLong(Files.readString(dir.resolve("sd.pid")).trim());
        try {
            assertThat(alive(pid)).isTrue();
            assertThat(mainLog()).contains("daemonizing the supervisord process").contains("supervisord started with pid " + pid);
            await().atMost(T).until(() -> mainLog().contains("success: bg entered RUNNING state"));
            long child = spawnedPid("bg");
            // neither the launcher's JVM variable nor the detaching marker reaches the children
            await().atMost(T).until(() -> Files.exists(env) && Files.readString(env).contains("SUPERVISOR_ENABLED=1"));
            assertThat(Files.readString(env)).doesNotContain("_JAVA_SR_SIGNUM").doesNotContain("JSUPERVISOR_DAEMONIZED");
            new ProcessBuilder("kill", "-TERM", String.valueOf(pid)).start().waitFor();
            await().atMost(T).until(() -> !alive(pid));
            assertThat(alive(child)).isFalse();
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
