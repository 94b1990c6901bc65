package org.jsupervisor.supervisord.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Command-line details that match Supervisor's supervisord (checked against 4.2.5 by hand). */
class ServerOptionsTest {
    private static final Path CWD = Path.of("/tmp");

    @Test
    void helpNamesTheProgramPlainlyOnItsFirstLineAndShowsTheLauncherPathInTheUsageLine() {
        String text = ServerOptions.usage("/opt/js/bin/supervisord");
        assertThat(text.lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("supervisord -- "));
        assertThat(text).contains("\nUsage: /opt/js/bin/supervisord [options]\n");
        assertThat(ServerOptions.usage("./bin/supervisord")).startsWith("supervisord -- ")
                .contains("\nUsage: ./bin/supervisord [options]\n");
    }

    @Test
    void theFirstOfHelpAndVersionWinsAndLaterOptionsAreNotChecked() throws Exception {
        ServerOptions v = ServerOptions.parse(new String[] {"-v", "-h"}, CWD);
        assertThat(v.version).isTrue();
        assertThat(v.help).isFalse();
        ServerOptions h = ServerOptions.parse(new String[] {"-h", "-v", "-m", "9z"}, CWD);
        assertThat(h.help).isTrue();
        assertThat(h.version).isFalse();
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"-m", "9z", "-h"}, CWD))
                .isInstanceOf(ServerOptions.UsageException.class).hasMessageStartingWith("invalid value for -m '9z'");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"-h", "--bogus"}, CWD))
                .isInstanceOf(ServerOptions.UsageException.class).hasMessage("option --bogus not recognized");
    }
}
