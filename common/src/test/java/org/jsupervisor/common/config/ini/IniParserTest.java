package org.jsupervisor.common.config.ini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The reader's rules, each checked against what Python 3.11's configparser returns. */
class IniParserTest {
    private static IniFile read(String text) throws IniSyntaxException {
        IniFile f = new IniFile();
        IniParser.read(f, text, "t.conf");
        return f;
    }

    @Test
    void splitsAtTheFirstEqualsOrColon() throws Exception {
        IniFile f = read("[s]\na: b=c\nd = e:f\n");
        assertThat(f.get("s", "a")).contains("b=c");
        assertThat(f.get("s", "d")).contains("e:f");
    }

    @Test
    void inlineCommentsNeedWhitespaceBeforeThem() throws Exception {
        IniFile f = read("[s]\na = x;y ; gone\nb = u#v\n");
        assertThat(f.get("s", "a")).contains("x;y");
        assertThat(f.get("s", "b")).contains("u#v");
    }

    @Test
    void inlineCommentSearchGoesRoundByRoundAsConfigparserDoes() throws Exception {
        // configparser finds "#f" (the first '#') before ";e" (the fourth ';')
        assertThat(read("[s]\nx=a;b;c;d ;e #f\n").get("s", "x")).contains("a;b;c;d ;e");
        assertThat(IniParser.inlineCommentStart("a;b;c;d ;e #f")).isEqualTo(11);
    }

    @Test
    void continuationLinesJoinWithNewlinesKeepingInnerBlankLines() throws Exception {
        IniFile f = read("[s]\ncmd = a\n  b\n\n  ; skipped comment\n  c\n\n\nnext = 1\n");
        assertThat(f.get("s", "cmd")).contains("a\nb\n\nc");
        assertThat(f.get("s", "next")).contains("1");
    }

    @Test
    void keysAreLowerCasedAndSectionsKeepTheirCase() throws Exception {
        IniFile f = read("[Program:X]\nCommand = y\n");
        assertThat(f.sections()).containsExactly("Program:X");
        assertThat(f.get("Program:X", "command")).contains("y");
        assertThat(f.hasSection("program:X")).isFalse();
    }

    @Test
    void repeatedSectionsMergeAndRepeatedKeysReplace() throws Exception {
        IniFile f = read("[s]\na = 1\nb = 2\n[t]\n[s]\na = 3\n");
        assertThat(f.get("s", "a")).contains("3");
        assertThat(f.get("s", "b")).contains("2");
        assertThat(f.sections()).containsExactly("s", "t");
    }

    @Test
    void theDefaultSectionFillsEveryOtherSection() throws Exception {
        IniFile f = read("[DEFAULT]\nx = 1\n[s]\n[t]\nx = 2\n");
        assertThat(f.sections()).containsExactly("s", "t");
        assertThat(f.get("s", "x")).contains("1");
        assertThat(f.get("t", "x")).contains("2");
        assertThat(f.options("s")).containsExactly("x");
    }

    @Test
    void pythonWhitespaceIsStripped() throws Exception {
        assertThat(read("[s]\na =\u00a0v\u00a0\n").get("s", "a")).contains("v");
    }

    @Test
    void textBeforeTheFirstSectionIsRefusedAtOnce() {
        assertThatThrownBy(() -> read("a = 1\n[s]\n")).isInstanceOf(IniSyntaxException.class)
                .hasMessage("t.conf: line 1: text before the first [section] header: 'a = 1'");
    }

    @Test
    void badLinesAreCollectedAndReportedWithLineNumbers() {
        assertThatThrownBy(() -> read("[s]\nno delimiter\nok = 1\n= v\n")).isInstanceOf(IniSyntaxException.class)
                .hasMessage("t.conf: lines that are neither a [section] header, a key = value line nor a comment:"
                        + " line 2: 'no delimiter'; line 4: '= v'");
    }

    @Test
    void anyLineEndingEndsALine() {
        assertThat(IniParser.splitLines("a\r\nb\rc\nd")).containsExactly("a", "b", "c", "d");
    }

    @Test
    void hereIsReplacedLiterallyIncludingInDefaults() throws Exception {
        IniFile f = read("[DEFAULT]\nd = %(here)s/x\n[s]\nc = %(here)s\n");
        f.replaceHere("/etc");
        assertThat(f.get("s", "c")).contains("/etc");
        assertThat(f.get("s", "d")).contains("/etc/x");
    }
}
