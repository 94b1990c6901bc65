package org.jsupervisor.supervisord.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jsupervisor.common.PyRepr;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void splitsLikeShlex() throws Exception {
        assertThat(CommandLine.split("sh -c 'echo \"a b\"; exit 1'")).containsExactly("sh", "-c", "echo \"a b\"; exit 1");
        assertThat(CommandLine.split("a \"b \\\" c\" d\\ e 'f\\g'")).containsExactly("a", "b \" c", "d e", "f\\g");
        assertThat(CommandLine.split("  x\t y  ")).containsExactly("x", "y");
        assertThat(CommandLine.split("a\"b\"'c'")).containsExactly("abc");
        assertThat(CommandLine.split("\"a\\nb\"")).containsExactly("a\\nb");
        assertThatThrownBy(() -> CommandLine.split("echo 'oops")).hasMessage("No closing quotation");
        assertThatThrownBy(() -> CommandLine.split("echo oops\\")).hasMessage("No escaped character");
    }

    @Test
    void describesWaitStatusesInSupervisorsWords() {
        assertThat(CommandLine.describeWaitStatus(3 << 8)).isEqualTo("exit status 3");
        assertThat(CommandLine.describeWaitStatus(15)).isEqualTo("terminated by SIGTERM");
        assertThat(CommandLine.describeWaitStatus(11 | 0x80)).isEqualTo("terminated by SIGSEGV (core dumped)");
        assertThat(CommandLine.exitStatus(9)).isEqualTo(-1);
        assertThat(CommandLine.signame(29)).isEqualTo("SIGPOLL");
        assertThat(PyRepr.of("it's")).isEqualTo("\"it's\"");
    }

    @Test
    void resolvesOnPathWithSupervisorsMessages() throws Exception {
        assertThat(ExecResolver.resolve("sleep 1", "/nonexistent:/bin:/usr/bin").filename()).isEqualTo("/bin/sleep");
        assertThatThrownBy(() -> ExecResolver.resolve("nosuchprog", "/bin")).hasMessage("can't find command 'nosuchprog'");
        assertThatThrownBy(() -> ExecResolver.resolve("/tmp", null)).hasMessage("command at '/tmp' is a directory");
        java.nio.file.Path plain = java.nio.file.Files.createTempFile("plain", ".txt");
        try {
            assertThatThrownBy(() -> ExecResolver.resolve(plain.toString(), null))
                    .hasMessage("command at '" + plain + "' is not executable");
        } finally {
            java.nio.file.Files.delete(plain);
        }
        assertThatThrownBy(() -> ExecResolver.resolve("", null)).hasMessage("command is empty");
    }

    @Test
    void childrenInheritTheDaemonsEnvironmentButNotWhatTheLauncherAddedForTheJvm() {
        java.util.Map<String, String> env = java.util.Map.of("PATH", "/bin", "_JAVA_SR_SIGNUM", "39", "HOME", "/root");
        assertThat(ChildSpecs.inheritedEnvironment(env, "_JAVA_SR_SIGNUM"))
                .containsOnlyKeys("PATH", "HOME");
        // the user's own setting (the launcher added nothing) is kept
        assertThat(ChildSpecs.inheritedEnvironment(env, "")).containsOnlyKeys("PATH", "_JAVA_SR_SIGNUM", "HOME");
    }
}
