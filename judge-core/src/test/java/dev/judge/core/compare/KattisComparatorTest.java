package dev.judge.core.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.ComparatorSpec;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The Kattis default validator: each vector is flags, judge answer, user output and the expected result, the
 * message written out in full as problemtools' default_validator words it (null for accepted).
 */
class KattisComparatorTest {

    private static final String AT_1_1 = "Wrong answer on line 1 of output (corresponding to line 1 in answer file)\n";
    /** After the judge's final newline: its line count has moved on. */
    private static final String AT_1_2 = "Wrong answer on line 1 of output (corresponding to line 2 in answer file)\n";

    static Stream<Arguments> vectors() {
        return Stream.of(
                // defaults: tokens, any whitespace, ASCII case ignored
                v("", "", "", null),
                v("", "1 2 3\n", "1 2 3\n", null),
                v("", "1 2 3\n", "  1\n\n2\t3", null),
                v("", "1 2 3\n", "1\r\n2\r\n3\r\n", null),
                v("", "Yes\n", "yES", null),
                v("", "Ünïcode\n", "Ünïcode", null),
                v("", "ä\n", "Ä", AT_1_1 + "String tokens mismatch\nJudge: \"ä\"\nUser: \"Ä\""),
                v("", "hello world\n", "hello\nworld\n", null),
                v("", "hello world\n", "hello\nplanet\n",
                        "Wrong answer on line 2 of output (corresponding to line 1 in answer file)\n"
                                + "String tokens mismatch\nJudge: \"world\"\nUser: \"planet\""),
                v("", "a\nb\nc\n", "a b d",
                        "Wrong answer on line 1 of output (corresponding to line 3 in answer file)\n"
                                + "String tokens mismatch\nJudge: \"c\"\nUser: \"d\""),
                v("", "1.0\n", "1\n", AT_1_1 + "String tokens mismatch\nJudge: \"1.0\"\nUser: \"1\""),
                v("", "42\n", "", AT_1_1
                        + "User EOF while judge had more output; user output was empty.\n(Next judge token: 42)"),
                v("", "42\n", " \n\t\n", "Wrong answer on line 3 of output (corresponding to line 1 in answer file)\n"
                        + "User EOF while judge had more output; user output contained only whitespace.\n"
                        + "(Next judge token: 42)"),
                v("", "1\n2\n", "1\n", "Wrong answer on line 2 of output (corresponding to line 2 in answer file)\n"
                        + "User EOF while judge had more output\n(Next judge token: 2)"),
                v("", "1\n", "1\n\n2 3\n", "Wrong answer on line 3 of output (corresponding to line 2 in answer file)\n"
                        + "Trailing output:\n2"),
                v("", "", "x", AT_1_1 + "Trailing output:\nx"),
                v("", "", " \n", null),
                // long tokens are cut: 20 bytes of common prefix kept whole, then 15 bytes of each rest
                v("", "abcdefghijklmnopqrstX\n", "abcdefghijklmnopqrstY\n",
                        AT_1_1 + "String tokens mismatch\nJudge: \"abcdefghijklmnopqrstX\"\n"
                                + "User: \"abcdefghijklmnopqrstY\""),
                v("", "abcdefghijklmnopqrstuX\n", "abcdefghijklmnopqrstuY\n",
                        AT_1_1 + "String tokens mismatch\nJudge: \"abcdefghijklmno...X\"\nUser: \"abcdefghijklmno...Y\""),
                v("", "x" + "1234567890".repeat(3) + "\n", "y" + "1234567890".repeat(3) + "\n",
                        AT_1_1 + "String tokens mismatch\nJudge: \"x12345678901234...\"\n"
                                + "User: \"y12345678901234...\""),
                v("", "1\n", "1 " + "z".repeat(40), AT_1_2 + "Trailing output:\n" + "z".repeat(30) + "..."),
                v("", "1\n", "1 " + "z".repeat(35), AT_1_2 + "Trailing output:\n" + "z".repeat(35)),
                // a cut never splits a UTF-8 character: 29 ASCII bytes, then a 2-byte character across the limit
                v("", "1\n", "1 " + "z".repeat(29) + "é" + "z".repeat(10),
                        AT_1_2 + "Trailing output:\n" + "z".repeat(29) + "é..."),
                // case_sensitive
                v("case_sensitive", "Yes\n", "Yes\n", null),
                v("case_sensitive", "Yes\n", "yes\n", AT_1_1 + "String tokens mismatch\nJudge: \"Yes\"\nUser: \"yes\""),
                v("case_sensitive", "a b\n", "a\n\n b", null),
                // space_change_sensitive
                v("space_change_sensitive", "1 2\n3\n", "1 2\n3\n", null),
                v("space_change_sensitive", "Yes\n", "yes\n", null),
                v("space_change_sensitive", "1 2\n", "1  2\n", AT_1_1
                        + "Space change error: judge out of space, got 32 from user"),
                v("space_change_sensitive", "1 2\n", "1\t2\n", AT_1_1 + "Space change error: got 9 expected 32"),
                v("space_change_sensitive", "1 2\n", "1 2", AT_1_1 + "Space change error: got -1 expected 10"),
                v("space_change_sensitive", "1 2\n", "1 2\n\n",
                        "Wrong answer on line 2 of output (corresponding to line 2 in answer file)\n"
                                + "Space change error: judge out of space, got 10 from user"),
                v("space_change_sensitive", "1 2\n", "1 2\r\n", AT_1_1 + "Space change error: got 13 expected 10"),
                v("space_change_sensitive", "a\n b\n", "a\nb\n",
                        "Wrong answer on line 2 of output (corresponding to line 2 in answer file)\n"
                                + "Space change error: got 98 expected 32"),
                v("space_change_sensitive", "a\nb\n", "a\n b\n",
                        "Wrong answer on line 2 of output (corresponding to line 2 in answer file)\n"
                                + "Space change error: judge out of space, got 32 from user"),
                v("space_change_sensitive", "a\n", "\u00e9", AT_1_1
                        + "String tokens mismatch\nJudge: \"a\"\nUser: \"\u00e9\""),
                v("space_change_sensitive", " a\n", "\u00e9a\n", AT_1_1 + "Space change error: got 195 expected 32"),
                v("space_change_sensitive", "", "", null),
                v("space_change_sensitive", "", "\n", AT_1_1 + "Space change error: judge out of space, got 10 from user"),
                // float tolerances: only when the judge's token is a number
                v("float_absolute_tolerance 0.1", "1.0 x\n", "1.05 X\n", null),
                v("float_absolute_tolerance 0.1", "1.0\n", "1.2\n", AT_1_1 + "Too large difference.\n"
                        + " Judge: 1.0\n User:  1.2\n Absolute error: 2.000000e-01 (abs tolerance 1.000000e-01)\n"
                        + " Relative error: 2.000000e-01 (rel tolerance -1.000000e+00)"),
                v("float_relative_tolerance 0.01", "200\n", "201.9\n", null),
                v("float_relative_tolerance 0.01", "200\n", "203\n", AT_1_1 + "Too large difference.\n"
                        + " Judge: 200\n User:  203\n Absolute error: 3.000000e+00 (abs tolerance -1.000000e+00)\n"
                        + " Relative error: 1.500000e-02 (rel tolerance 1.000000e-02)"),
                v("float_relative_tolerance 0.5", "0\n", "0.0001\n", AT_1_1 + "Too large difference.\n"
                        + " Judge: 0\n User:  0.0001\n Absolute error: 1.000000e-04 (abs tolerance -1.000000e+00)\n"
                        + " Relative error: undefined, judge value is 0 (rel tolerance 5.000000e-01)"),
                v("float_relative_tolerance 0", "0\n", "-0.0\n", null),
                v("float_tolerance 1e-6", "3.14159265\n", "3.1415930\n", null),
                v("float_tolerance 1e-6", "1000000\n", "1000000.9\n", null),
                v("float_tolerance 1e-6", "1e6\n", "1000001.1\n", AT_1_1 + "Too large difference.\n"
                        + " Judge: 1e6\n User:  1000001.1\n Absolute error: 1.100000e+00 (abs tolerance 1.000000e-06)\n"
                        + " Relative error: 1.100000e-06 (rel tolerance 1.000000e-06)"),
                v("float_tolerance 1e-6", "0.5\n", "0x1p-1 .5 5e-1\n", AT_1_2 + "Trailing output:\n.5"),
                v("float_tolerance 1e-6", "0.5 .5 5.\n", "0x1p-1 +.5 5E0\n", null),
                v("float_tolerance 1e-6", "1.5\n", "1.5x\n", AT_1_1 + "Expected float, got: 1.5x"),
                v("float_tolerance 1e-6", "1.5\n", "inf\n", AT_1_1 + "Expected float, got: inf"),
                v("float_tolerance 1e-6", "2\n", "1e999\n", AT_1_1 + "Expected float, got: 1e999"),
                v("float_tolerance 1e-6", "inf\n", "INF\n", null),
                v("float_tolerance 1e-6", "inf\n", "1\n", AT_1_1 + "String tokens mismatch\nJudge: \"inf\"\nUser: \"1\""),
                v("float_tolerance 1e-6", "NaN\n", "nan\n", null),
                v("float_tolerance 1e-6", "1e\n", "1E\n", null),
                v("float_tolerance 1e-6", "0x10\n", "16\n", null),
                // glibc quirks: a trailing exponent without digits is ignored, "0x." is zero, "0x" is text
                v("float_tolerance 1e-6", "2\n", "2e+\n", null),
                v("float_tolerance 1e-6", "0\n", "0x.\n", null),
                v("float_tolerance 1e-6", "0\n", "0x\n", AT_1_1 + "Expected float, got: 0x"),
                v("float_tolerance 1e-6", "0\n", "1e+x\n", AT_1_1 + "Expected float, got: 1e+x"),
                v("float_tolerance 1e-6", "1e308\n", "-1e308\n", AT_1_1 + "Too large difference.\n"
                        + " Judge: 1e308\n User:  -1e308\n Absolute error: inf (abs tolerance 1.000000e-06)\n"
                        + " Relative error: inf (rel tolerance 1.000000e-06)"),
                // combinations
                v("case_sensitive float_tolerance 0.5", "PI 1.0\n", "PI 1.4\n", null),
                v("case_sensitive float_tolerance 0.5", "PI 1.0\n", "pi 1.4\n",
                        AT_1_1 + "String tokens mismatch\nJudge: \"PI\"\nUser: \"pi\""),
                v("space_change_sensitive float_absolute_tolerance 1", "1 2\n", "1.5 2.5\n", null),
                v("space_change_sensitive float_absolute_tolerance 1", "1 2\n", "1.5  2.5\n",
                        AT_1_1 + "Space change error: judge out of space, got 32 from user"),
                v("case_sensitive space_change_sensitive float_tolerance 0.25", "E is\n2.0", "E is\n3.0",
                        "Wrong answer on line 2 of output (corresponding to line 2 in answer file)\n"
                                + "Too large difference.\n Judge: 2.0\n User:  3.0\n"
                                + " Absolute error: 1.000000e+00 (abs tolerance 2.500000e-01)\n"
                                + " Relative error: 5.000000e-01 (rel tolerance 2.500000e-01)"),
                // a later tolerance replaces an earlier one
                v("float_tolerance 1 float_absolute_tolerance 0", "10\n", "10.5\n", null),
                v("float_tolerance 1 float_relative_tolerance 0", "10\n", "10.5\n", null),
                v("float_tolerance 1 float_relative_tolerance 0", "10\n", "12\n", AT_1_1 + "Too large difference.\n"
                        + " Judge: 10\n User:  12\n Absolute error: 2.000000e+00 (abs tolerance 1.000000e+00)\n"
                        + " Relative error: 2.000000e-01 (rel tolerance 0.000000e+00)"));
    }

    private static Arguments v(String flags, String judge, String user, String message) {
        return Arguments.of(flags, judge, user, message);
    }

    @ParameterizedTest(name = "[{0}] {1} / {2}")
    @MethodSource("vectors")
    void comparesAsTheDefaultValidator(String flags, String judge, String user, String message) {
        Comparison c = Comparators.kattis(flags).compare(new byte[0], bytes(judge), bytes(user));
        if (message == null) {
            assertThat(c).isEqualTo(Comparison.accepted());
        } else {
            assertThat(c.outcome()).isEqualTo(Comparison.Outcome.WRONG_ANSWER);
            assertThat(c.fraction()).isZero();
            assertThat(c.message()).isEqualTo(message);
        }
    }

    @Test
    void invalidUtf8IsQuotedWithReplacementAndNeverThrows() {
        byte[] judge = {'a', (byte) 0xff, '\n'};
        byte[] user = {'a', (byte) 0xfe, '\n'};
        Comparison c = Comparators.kattis(null).compare(new byte[0], judge, user);
        assertThat(c.message()).endsWith("Judge: \"a\uFFFD\"\nUser: \"a\uFFFD\"");
        assertThat(Comparators.kattis(null).compare(new byte[0], judge, judge.clone()).isAccepted()).isTrue();
    }

    @Test
    void aNulByteIsComparedLikeAnyOther() {
        byte[] judge = {'a', 0, 'b'};
        byte[] user = {'a', 0, 'c'};
        assertThat(Comparators.kattis("").compare(new byte[0], judge, user).isAccepted()).isFalse();
    }

    @Test
    void exponentialFormatsAsC() {
        assertThat(KattisComparator.exponential(1)).isEqualTo("1.000000e+00");
        assertThat(KattisComparator.exponential(-1)).isEqualTo("-1.000000e+00");
        assertThat(KattisComparator.exponential(1e-6)).isEqualTo("1.000000e-06");
        assertThat(KattisComparator.exponential(123456789)).isEqualTo("1.234568e+08");
        assertThat(KattisComparator.exponential(9.9999995)).isEqualTo("9.999999e+00"); // below the tie in binary
        assertThat(KattisComparator.exponential(9.99999951)).isEqualTo("1.000000e+01");
        assertThat(KattisComparator.exponential(1.0000005)).isEqualTo("1.000001e+00");
        assertThat(KattisComparator.exponential(1.5e-300)).isEqualTo("1.500000e-300");
        assertThat(KattisComparator.exponential(0)).isEqualTo("0.000000e+00");
        assertThat(KattisComparator.exponential(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    @Test
    void flagsParseToTypedFieldsAndBack() {
        ComparatorSpec.Kattis k = ComparatorSpec.kattis(" case_sensitive\tfloat_tolerance 1e-6 ");
        assertThat(k).isEqualTo(new ComparatorSpec.Kattis(true, false, OptionalDouble.of(1e-6), OptionalDouble.of(1e-6)));
        assertThat(ComparatorSpec.kattis(k.flags())).isEqualTo(k);
        assertThat(ComparatorSpec.kattis(null)).isEqualTo(ComparatorSpec.kattis(""))
                .isEqualTo(new ComparatorSpec.Kattis(false, false, OptionalDouble.empty(), OptionalDouble.empty()));
        assertThat(ComparatorSpec.kattis(null).flags()).isEmpty();
        assertThat(ComparatorSpec.kattis("space_change_sensitive float_relative_tolerance .5 float_absolute_tolerance 0x1p-2"))
                .isEqualTo(new ComparatorSpec.Kattis(false, true, OptionalDouble.of(0.25), OptionalDouble.of(0.5)));
        assertThat(Comparators.of(k)).isEqualTo(Comparators.kattis("float_tolerance 0.000001 case_sensitive"));
    }

    @Test
    void badFlagsAreRefusedNamingTheField() {
        for (String flags : new String[] {"case_insensitive", "float_tolerance", "float_tolerance x",
                "float_absolute_tolerance -1", "float_relative_tolerance inf", "float_tolerance nan",
                "float_tolerance 1e999", "float_tolerance 1e-6x", "CASE_SENSITIVE"}) {
            assertThatThrownBy(() -> ComparatorSpec.kattis(flags)).as(flags)
                    .isInstanceOf(InvalidSubmissionException.class)
                    .satisfies(e -> assertThat(((InvalidSubmissionException) e).field()).isEqualTo("comparator.flags"));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
