package org.jsupervisor.common.config.ini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ini4j.Ini;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why we do not use ini4j (docs/config.md): on five inputs that occur in real Supervisor
 * files it reads something other than Python's configparser, which is what Supervisor uses.
 * Each test shows ini4j's reading next to ours; ours is what configparser gives (the corpus
 * test checks our reader against Supervisor itself).
 */
class Ini4jDifferencesTest {

    private static Ini ini4j(String text) throws IOException {
        Ini ini = new Ini();
        ini.load(new StringReader(text));
        return ini;
    }

    private static IniFile ours(String text) throws IniSyntaxException {
        IniFile f = new IniFile();
        IniParser.read(f, text, "test.conf");
        return f;
    }

    @Test
    void ini4jKeepsAnInlineCommentInTheValue() throws Exception {
        String text = "[program:x]\ncommand = /bin/cat ; the comment\n";
        assertThat(ini4j(text).get("program:x", "command")).isEqualTo("/bin/cat ; the comment");
        assertThat(ours(text).get("program:x", "command")).contains("/bin/cat");
    }

    @Test
    void ini4jRefusesACommentAfterASectionHeader() throws Exception {
        String text = "[program:x] ; web workers\ncommand = /bin/cat\n";
        assertThatThrownBy(() -> ini4j(text)).isInstanceOf(IOException.class);
        assertThat(ours(text).get("program:x", "command")).contains("/bin/cat");
    }

    @Test
    void ini4jTurnsAnIndentedContinuationLineIntoAKeyOfItsOwn() throws Exception {
        String text = "[program:x]\ncommand = /bin/sh -c\n    'echo=hello'\n";
        Ini.Section section = ini4j(text).get("program:x");
        assertThat(section.get("command")).isEqualTo("/bin/sh -c");
        assertThat(section.keySet()).hasSize(2);
        assertThat(ours(text).get("program:x", "command")).contains("/bin/sh -c\n'echo=hello'");
        assertThat(ours(text).options("program:x")).containsExactly("command");
    }

    @Test
    void ini4jRewritesBackslashEscapesInValues() throws Exception {
        String text = "[program:x]\ncommand = /usr/bin/printf a\\tb\\n\n";
        // the backslash-t became a tab; the backslash-n a newline, then trimmed away
        assertThat(ini4j(text).get("program:x", "command")).isEqualTo("/usr/bin/printf a\tb");
        assertThat(ours(text).get("program:x", "command")).contains("/usr/bin/printf a\\tb\\n");
    }

    @Test
    void ini4jAcceptsAByteOrderMarkThatSupervisorRefuses(@TempDir Path dir) throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "[supervisord]\nlogfile = /tmp/x.log\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Path file = dir.resolve("bom.conf");
        Files.write(file, all);
        Ini ini = new Ini();
        ini.load(file.toFile());
        assertThat(ini.get("supervisord", "logfile")).isEqualTo("/tmp/x.log");
        assertThatThrownBy(() -> ours(new String(all, StandardCharsets.UTF_8)))
                .isInstanceOf(IniSyntaxException.class).hasMessageContaining("byte-order mark");
    }
}
