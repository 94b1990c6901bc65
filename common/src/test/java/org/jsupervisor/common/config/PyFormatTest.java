package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's {@code text % mapping}; expected values were produced with Python 3.11. */
class PyFormatTest {
    private static final Map<String, Object> NAMES = Map.of("n", 5, "neg", -3, "big", 255, "s", "ab",
            "a(b)", "paren");

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false, value = {
        "%(n)02d|05", "%(neg)05d|-0003", "%(n)+d|+5", "%(n) d| 5", "%(big)#x|0xff", "%(big)#X|0XFF",
        "%(big)x|ff", "%(big)o|377", "%(n).3d|005", "%(n)-5d.|5    .", "%(s)05s|   ab", "%(s).1s|a",
        "%(s)r|'ab'", "%(n)ld|5", "%(n)s|5", "%(n)f|5.000000", "%(n)e|5.000000e+00", "%(n)g|5",
        "%(n)10.3f|     5.000", "100%% of %(s)s|100% of ab", "%(a(b))s|paren", "%(n)i|5", "%(n)u|5"})
    void formatsLikePython(String format, String expected) throws Exception {
        assertThat(PyFormat.format(format, NAMES)).isEqualTo(expected);
    }

    @Test
    void textWithoutPercentIsReturnedAsItIs() throws Exception {
        assertThat(PyFormat.format("plain (text)", NAMES)).isEqualTo("plain (text)");
    }

    @Test
    void anUnknownNameIsReportedByName() {
        assertThatThrownBy(() -> PyFormat.format("x %(nope)s", NAMES))
                .isInstanceOfSatisfying(PyFormat.MissingName.class, e -> assertThat(e.name).isEqualTo("nope"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false, value = {"100%|incomplete format", "%(s)s%|incomplete format",
        "%(n)5|incomplete format", "%(n|incomplete format key", "%y|unsupported format character 'y' (0x79) at index 1",
        "%(n)%|unsupported format character", "%(s)d|%d format: a real number is required, not str",
        "%(s)x|%x format: an integer is required, not str", "%(s)f|must be real number, not str",
        "%(n)*d|not enough arguments"})
    void malformedFormatsAreRefused(String format, String reason) {
        assertThatThrownBy(() -> PyFormat.format(format, NAMES)).isInstanceOf(PyFormat.BadFormat.class)
                .hasMessageContaining(reason);
    }
}
