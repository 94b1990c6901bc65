package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code environment} values split as Supervisor's non-POSIX shlex splits them. */
class KeyValueLexerTest {

    @Test
    void quotedValuesKeepTheirCommas() {
        assertThat(KeyValueLexer.pairs("A=\"1,2\",B='x y',C=/usr/bin:/bin"))
                .containsExactly(java.util.Map.entry("A", "1,2"), java.util.Map.entry("B", "x y"),
                        java.util.Map.entry("C", "/usr/bin:/bin"));
    }

    @Test
    void anySingleTokenSeparatesPairsAndATrailingOneIsFine() {
        assertThat(KeyValueLexer.pairs("A=1;B=2,C=3,")).containsOnlyKeys("A", "B", "C");
    }

    @Test
    void pairsSeparatedOnlyBySpaceAreRefused() {
        assertThatThrownBy(() -> KeyValueLexer.pairs("A=1 B=2")).hasMessageContaining("Unexpected end of key/value pairs");
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThatThrownBy(() -> KeyValueLexer.pairs("A=\"open")).hasMessage("No closing quotation");
    }

    @Test
    void aHashInsideAWordSkipsToTheNextLineAndTheWordGoesOn() {
        assertThat(KeyValueLexer.tokens("x#c\nb")).containsExactly("xb");
        assertThat(KeyValueLexer.pairs("A=x#comment\n,B=2")).containsEntry("A", "x").containsEntry("B", "2");
    }

    @Test
    void charactersOutsideTheWordSetAreTokensOfTheirOwn() {
        assertThat(KeyValueLexer.tokens("X=~/foo")).containsExactly("X", "=", "~", "/foo");
        assertThat(KeyValueLexer.tokens("a\"b c")).containsExactly("a\"b", "c");
    }
}
