package org.jsupervisor.supervisorctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** A pseudo-terminal driven through tmux, on a private tmux server so tests cannot clash. */
final class Tmux implements AutoCloseable {
    private final String server = "ctl-" + UUID.randomUUID();
    private final String session = "s";

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/tmux"));
    }

    /** Starts {@code command} (a shell command line) in a 150x40 terminal. */
    Tmux(String command) throws IOException, InterruptedException {
        run("new-session", "-d", "-s", session, "-x", "150", "-y", "40", command + "; sleep 60");
    }

    /** Sends keys: literal text, or tmux key names such as {@code Enter}, {@code Tab}, {@code C-u}. */
    void keys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(Arrays.asList(keys));
        run(args.toArray(new String[0]));
    }

    String screen() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-t", session);
    }

    /** The last non-empty line on the screen (where the cursor's line usually is). */
    String lastLine() throws IOException, InterruptedException {
        String last = "";
        for (String l : screen().split("\n")) {
            if (!l.isBlank()) {
                last = l.stripTrailing();
            }
        }
        return last;
    }

    void awaitScreen(String text) {
        waitFor("screen containing " + text, () -> screen().contains(text));
    }

    private void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String shown;
            try {
                shown = screen();
            } catch (IOException | InterruptedException x) {
                shown = "(no screen: " + x + ")";
            }
            throw new AssertionError("no " + what + " on the screen:\n" + shown, e);
        }
    }

    /** Waits until some line of the screen is exactly {@code text} (trailing blanks aside). */
    void awaitLine(String text) {
        waitFor("line " + text, () -> screen().lines().anyMatch(l -> l.stripTrailing().equals(text)));
    }

    void awaitLastLine(String text) {
        waitFor("last line " + text, () -> lastLine().equals(text));
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", server));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("kill-server");
    }
}
