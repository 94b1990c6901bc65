package org.jsupervisor.supervisord.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher alone: what a child gets at exec, and every byte in and out of its pipes. */
class PosixSpawnLauncherTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final PosixSpawnLauncher launcher = new PosixSpawnLauncher();

    @AfterEach
    void close() {
        launcher.close();
    }

    /** Collects what a child writes and how it ends. */
    static final class Recorder implements Launcher.ChildListener {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        final AtomicInteger eofs = new AtomicInteger();
        volatile long startedPid;

        @Override
        public void onStart(long pid) {
            startedPid = pid;
        }

        @Override
        public synchronized void onOutput(OutputChannel channel, ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            (channel == OutputChannel.STDOUT ? out : err).writeBytes(b);
        }

        @Override
        public void onEof(OutputChannel channel) {
            eofs.incrementAndGet();
        }

        @Override
        public void onExit(int waitStatus) {
            exit.complete(waitStatus);
        }

        synchronized String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        int awaitEnd() throws Exception {
            int status = exit.get(10, TimeUnit.SECONDS);
            await().atMost(T).pollInterval(Duration.ofMillis(5)).until(() -> eofs.get() == 2);
            return status;
        }
    }

    private static Launcher.Spec spec(boolean redirect, String... argv) {
        return new Launcher.Spec(argv[0], List.of(argv), Map.of("PATH", "/usr/bin:/bin"), Optional.empty(),
                Optional.empty(), Optional.empty(), redirect);
    }

    private static String[] statFields(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    @Test
    void aChildLeadsItsOwnProcessGroupInsideTheDaemonsSessionAsWithSetpgrp() throws Exception {
        Recorder r = new Recorder();
        Launcher.Child child = launcher.spawn(spec(false, "/bin/sleep", "30"), r);
        try {
            String[] f = statFields(child.pid()); // state, ppid, pgrp, session
            assertThat(Long.parseLong(f[2])).isEqualTo(child.pid());
            assertThat(Long.parseLong(f[3])).isEqualTo(Long.parseLong(statFields(ProcessHandle.current().pid())[3]));
            assertThat(r.startedPid).isEqualTo(child.pid());
        } finally {
            child.signal(9, true);
        }
        assertThat(r.awaitEnd()).isEqualTo(9);
    }

    @Test
    void aChildStartsWithSupervisorsSignalStateNothingBlockedPipeAndXfszIgnored() throws Exception {
        Recorder r = new Recorder();
        launcher.spawn(spec(false, "/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"), r);
        assertThat(r.awaitEnd()).isZero();
        // what a child of Supervisor 4.2.5 shows (measured): SIGPIPE (13) and SIGXFSZ (25) ignored
        assertThat(r.out()).isEqualTo("SigBlk:\t0000000000000000\nSigIgn:\t0000000001001000\n");
    }

    @Test
    void aChildInheritsNoDescriptorAboveStderrEvenOnesTheJvmLeftInheritable() throws Exception {
        Path f = Files.writeString(dir.resolve("open-in-parent"), "x");
        try (FileInputStream held = new FileInputStream(f.toFile())) {
            Recorder r = new Recorder();
            launcher.spawn(spec(false, "/bin/sh", "-c", "ls /proc/$$/fd; true"), r);
            assertThat(r.awaitEnd()).isZero();
            assertThat(r.out()).isEqualTo("0\n1\n2\n");
        }
    }

    @Test
    void stdinFarLargerThanThePipeReachesTheChildWholeAndInOrder() throws Exception {
        Recorder r = new Recorder();
        Launcher.Child child = launcher.spawn(spec(false, "/bin/cat"), r);
        StringBuilder expected = new StringBuilder();
        for (int chunk = 0; chunk < 4; chunk++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 50_000; i++) {
                sb.append(chunk).append(':').append(i).append('\n');
            }
            expected.append(sb);
            assertThat(child.writeStdin(sb.toString().getBytes(StandardCharsets.US_ASCII))).isTrue();
        }
        child.closeStdin();
        assertThat(child.writeStdin("late".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(r.awaitEnd()).isZero();
        assertThat(r.out()).hasSize(expected.length()).isEqualTo(expected.toString());
    }

    @Test
    void theProgramKeepsItsArgvZeroAsWrittenWhileTheResolvedPathIsExecuted() throws Exception {
        Recorder r = new Recorder();
        launcher.spawn(new Launcher.Spec("/bin/sh", List.of("as-written", "-c", "echo \"$0\""), Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), false), r);
        assertThat(r.awaitEnd()).isZero();
        assertThat(r.out()).isEqualTo("as-written\n");
    }

    @Test
    void aSwitchedUserEntersItsDirectoryAsThatUserWithItsUmask() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Posix.uid() == 0, "needs root");
        Posix.User nobody = Posix.lookupUser("nobody").orElseThrow();
        Path walled = Files.createDirectory(dir.resolve("walled"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Recorder ok = new Recorder();
        launcher.spawn(new Launcher.Spec("/bin/sh", List.of("sh", "-c", "id -un; pwd; umask"), Map.of(),
                Optional.of("/tmp"), Optional.of(027), Optional.of(nobody), false), ok);
        assertThat(ok.awaitEnd()).isZero();
        assertThat(ok.out()).isEqualTo("nobody\n/tmp\n0027\n");
        Recorder refused = new Recorder();
        launcher.spawn(new Launcher.Spec("/bin/pwd", List.of("pwd"), Map.of(), Optional.of(walled.toString()),
                Optional.empty(), Optional.of(nobody), false), refused);
        assertThat(refused.awaitEnd()).isEqualTo(127 << 8);
        assertThat(refused.err()).isEqualTo("supervisor: couldn't chdir to " + walled + ": EACCES\n"
                + "supervisor: child process was not spawned\n");
    }

    @Test
    void everyByteWrittenJustBeforeExitIsRead() throws Exception {
        Recorder r = new Recorder();
        launcher.spawn(spec(false, "/usr/bin/head", "-c", "3000000", "/dev/zero"), r);
        assertThat(r.awaitEnd()).isZero();
        assertThat(r.out.size()).isEqualTo(3_000_000);
    }

    @Test
    void redirectedStderrSharesTheStdoutPipeAndEndsAtOnce() throws Exception {
        Recorder r = new Recorder();
        launcher.spawn(spec(true, "/bin/sh", "-c", "echo 1; echo 2 >&2; echo 3"), r);
        assertThat(r.awaitEnd()).isZero();
        assertThat(r.out()).isEqualTo("1\n2\n3\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void anExecThatFailsIsReportedOnStderrWithStatus127AsSupervisorsChildDoes() throws Exception {
        Path noInterpreter = Files.write(dir.resolve("garbage"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.setPosixFilePermissions(noInterpreter, PosixFilePermissions.fromString("rwxr-xr-x"));
        Recorder r = new Recorder();
        launcher.spawn(new Launcher.Spec(noInterpreter.toString(), List.of("garbage"), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), false), r);
        assertThat(r.awaitEnd()).isEqualTo(127 << 8);
        assertThat(r.err()).isEqualTo("supervisor: couldn't exec garbage: ENOEXEC\n"
                + "supervisor: child process was not spawned\n");
    }

    @Test
    void aReleasedChildsPipesCloseEvenWhileAGrandchildHoldsThem() throws Exception {
        Recorder warm = new Recorder();
        launcher.spawn(spec(false, "/bin/true"), warm);
        warm.awaitEnd();
        long before = openDescriptors();
        Recorder r = new Recorder();
        Launcher.Child child = launcher.spawn(spec(false, "/bin/sh", "-c", "sleep 30 & echo started"), r);
        try {
            assertThat(r.exit.get(10, TimeUnit.SECONDS)).isZero();
            await().atMost(T).until(() -> r.out().equals("started\n"));
            assertThat(r.eofs.get()).as("the grandchild still holds both pipes").isZero();
            child.release();
            await().atMost(T).pollInterval(Duration.ofMillis(5)).until(() -> r.eofs.get() == 2);
            await().atMost(T).until(() -> openDescriptors() <= before);
        } finally {
            child.signal(9, true); // the grandchild is in the child's process group
        }
    }

    @Test
    void spawningAndReapingManyChildrenLeavesNoDescriptorBehind() throws Exception {
        // one warm-up spawn opens whatever the launcher keeps for good (epoll, eventfd)
        Recorder warm = new Recorder();
        launcher.spawn(spec(false, "/bin/true"), warm);
        warm.awaitEnd();
        long before = openDescriptors();
        for (int i = 0; i < 50; i++) {
            Recorder r = new Recorder();
            launcher.spawn(spec(i % 2 == 0, "/bin/echo", "child " + i), r);
            assertThat(r.awaitEnd()).isZero();
            assertThat(r.out()).isEqualTo("child " + i + "\n");
        }
        await().atMost(T).until(() -> openDescriptors() <= before);
    }

    private static long openDescriptors() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
