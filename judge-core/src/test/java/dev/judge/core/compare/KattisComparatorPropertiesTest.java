package dev.judge.core.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/** Laws of the Kattis default validator that relate its flags to each other and to the other comparators. */
class KattisComparatorPropertiesTest {

    private static final byte[] NO_INPUT = new byte[0];

    /** Text over a small alphabet where tokens often agree up to case and numbers often look alike. */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('a', 'A', 'b', '1', '0', '.', 'e', 'x', ' ', ' ', '\t', '\r', '\n', '\n')
                .ofMaxLength(14);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("aAbB01.e-+xé").ofMinLength(1).ofMaxLength(5);
    }

    @Provide
    Arbitrary<String> whitespaceRuns() {
        return Arbitraries.strings().withChars(" \t\n\r\u000b\f").ofMinLength(1).ofMaxLength(3);
    }

    @Property(tries = 2000)
    void byDefaultItIsTokensIgnoringAsciiCase(@ForAll("texts") String expected, @ForAll("texts") String actual) {
        boolean kattis = accepts(Comparators.kattis(null), expected, actual);
        boolean tokens = accepts(Comparators.tokens(), expected.toLowerCase(Locale.ROOT), actual.toLowerCase(Locale.ROOT));
        assertThat(kattis).isEqualTo(tokens);
    }

    @Property(tries = 2000)
    void caseSensitiveItIsTheTokensComparator(@ForAll("texts") String expected, @ForAll("texts") String actual) {
        assertThat(accepts(Comparators.kattis("case_sensitive"), expected, actual))
                .isEqualTo(accepts(Comparators.tokens(), expected, actual));
    }

    @Property(tries = 2000)
    void caseAndSpaceSensitiveItIsByteEquality(@ForAll("texts") String expected, @ForAll("texts") String actual) {
        assertThat(accepts(Comparators.kattis("case_sensitive space_change_sensitive"), expected, actual))
                .isEqualTo(expected.equals(actual));
    }

    @Property(tries = 2000)
    void spaceChangeSensitivityOnlyRefuses(@ForAll("texts") String expected, @ForAll("texts") String actual) {
        if (accepts(Comparators.kattis("space_change_sensitive float_tolerance 0.1"), expected, actual)) {
            assertThat(accepts(Comparators.kattis("float_tolerance 0.1"), expected, actual)).isTrue();
        }
    }

    @Property
    void theShapeOfWhitespaceDoesNotMatterByDefault(@ForAll @Size(max = 6) List<@From("tokens") String> tokens,
            @ForAll @Size(min = 7, max = 7) List<@From("whitespaceRuns") String> runs) {
        StringBuilder reshaped = new StringBuilder(runs.get(6));
        for (int i = 0; i < tokens.size(); i++) {
            reshaped.append(tokens.get(i)).append(runs.get(i));
        }
        assertThat(accepts(Comparators.kattis(null), String.join(" ", tokens) + "\n", reshaped.toString())).isTrue();
    }

    @Property
    void aNumberWithinTheRelativeToleranceIsAccepted(@ForAll @DoubleRange(min = -1e9, max = 1e9) double value,
            @ForAll @DoubleRange(min = -0.99, max = 0.99) double share) {
        double tolerance = 1e-6;
        String judge = String.format(Locale.ROOT, "%.17g", value);
        String close = String.format(Locale.ROOT, "%.17g", value + share * tolerance * Math.abs(value));
        assertThat(accepts(Comparators.kattis("float_relative_tolerance 1e-6"), judge, close)).isTrue();
        String far = String.format(Locale.ROOT, "%.17g", value + 2 * tolerance * Math.max(Math.abs(value), 1));
        assertThat(accepts(Comparators.kattis("float_relative_tolerance 1e-6"), judge, far)).isFalse();
    }

    @Property
    void aLargerToleranceAcceptsAllASmallerOneDoes(@ForAll("texts") String expected, @ForAll("texts") String actual,
            @ForAll @DoubleRange(min = 0, max = 2) double small, @ForAll @DoubleRange(min = 0, max = 2) double extra) {
        if (accepts(Comparators.kattis("float_tolerance " + small), expected, actual)) {
            assertThat(accepts(Comparators.kattis("float_tolerance " + (small + extra)), expected, actual)).isTrue();
        }
    }

    @Property
    void everyRefusalSaysWhereAsProblemtoolsDoes(@ForAll("texts") String expected, @ForAll("texts") String actual) {
        Comparison c = Comparators.kattis("space_change_sensitive float_absolute_tolerance 0.5")
                .compare(NO_INPUT, utf8(expected), utf8(actual));
        if (!c.isAccepted()) {
            assertThat(c.outcome()).isEqualTo(Comparison.Outcome.WRONG_ANSWER);
            assertThat(c.message()).matches("(?s)Wrong answer on line \\d+ of output "
                    + "\\(corresponding to line \\d+ in answer file\\)\n.+");
        }
    }

    private static boolean accepts(OutputComparator comparator, String expected, String actual) {
        return comparator.compare(NO_INPUT, utf8(expected), utf8(actual)).isAccepted();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
