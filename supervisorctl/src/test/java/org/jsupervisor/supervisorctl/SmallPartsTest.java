package org.jsupervisor.supervisorctl;

import java.util.List;

import org.jsupervisor.common.PyRepr;
import org.jsupervisor.supervisorctl.command.Commands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmallPartsTest {

    @Test
    void splitsNamesAsSupervisorDoes() {
        assertThat(Target.parse("foo")).isEqualTo(new Target("foo", "foo", "foo"));
        assertThat(Target.parse("grp:*").isGroup()).isTrue();
        assertThat(Target.parse("grp:").isGroup()).isTrue();
        assertThat(Target.parse("grp:a:b")).isEqualTo(new Target("grp:a:b", "grp", "a:b"));
        assertThat(Target.namespec("x", "x")).isEqualTo("x");
        assertThat(Target.namespec("g", "x")).isEqualTo("g:x");
    }

    @Test
    void parsesLikePythonsGetopt() throws Exception {
        GetOpt.Result r = GetOpt.parse(new String[] {"-ic", "f", "-sunix:///x", "--user=u", "status", "-c"},
                CommandLineOptions.SHORT, CommandLineOptions.LONG);
        assertThat(r.opts()).extracting(GetOpt.Opt::name).containsExactly("-i", "-c", "-s", "--username");
        assertThat(r.opts()).extracting(GetOpt.Opt::value).containsExactly("", "f", "unix:///x", "u");
        assertThat(r.rest()).containsExactly("status", "-c");
        assertThat(GetOpt.parse(new String[] {"--", "-c"}, "c:", List.of()).rest()).containsExactly("-c");
        assertThatThrownBy(() -> GetOpt.parse(new String[] {"--h"}, "", List.of("help", "history_file=")))
                .hasMessage("option --h not a unique prefix");
    }

    @Test
    void quotesLikePythonsRepr() {
        assertThat(PyRepr.of("abc")).isEqualTo("'abc'");
        assertThat(PyRepr.of("it's")).isEqualTo("\"it's\"");
        assertThat(PyRepr.of("a\tb\\")).isEqualTo("'a\\tb\\\\'");
    }

    @Test
    void mapsResultFaultsToExitCodes() {
        assertThat(ExitStatus.forResult(80, ExitStatus.TOLERATE_NONE)).isEqualTo(-1);
        assertThat(ExitStatus.forResult(60, 60)).isEqualTo(-1);
        assertThat(ExitStatus.forResult(50, 60)).isEqualTo(7);
        assertThat(ExitStatus.forResult(70, ExitStatus.TOLERATE_NONE)).isEqualTo(7);
        assertThat(ExitStatus.forResult(10, 60)).isEqualTo(1);
    }

    @Test
    void knowsEveryAction() {
        for (String name : Commands.COMPLETABLE) {
            assertThat(Commands.create(name)).as(name).isNotNull();
            assertThat(Commands.create(name).name()).isEqualTo(name);
        }
        assertThat(Commands.create("shell")).isNull();
    }
}
