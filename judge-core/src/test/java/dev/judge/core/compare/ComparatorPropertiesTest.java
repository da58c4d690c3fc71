package dev.judge.core.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class ComparatorPropertiesTest {

    private static final byte[] NO_INPUT = new byte[0];

    // ---- generators ---------------------------------------------------------------------------------------

    /** Text over a small alphabet heavy in whitespace, so that loose equalities happen often by chance. */
    @Provide
    Arbitrary<String> smallTexts() {
        return Arbitraries.strings().withChars('a', 'B', '1', ' ', ' ', '\t', '\r', '\n', '\n').ofMaxLength(12);
    }

    /** Any text: letters of several scripts, digits, punctuation, all ASCII whitespace, control characters. */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars(" \t\n\r\u000b\f.,-+\"\\\u0000\u007fäÖßσΣ€\uD83D\uDE00")
                .ofMaxLength(80);
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
    }

    /** A token: no ASCII whitespace inside. */
    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withCharRange('!', '~').withChars("äσ€").ofMinLength(1).ofMaxLength(6);
    }

    @Provide
    Arbitrary<String> whitespaceRuns() {
        return Arbitraries.strings().withChars(" \t\n\r\u000b\f").ofMinLength(1).ofMaxLength(4);
    }

    /** A line: no '\n' inside; may have leading and trailing whitespace and may be blank. */
    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.strings().withChars("ab Z1\t\r.äΣ").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> trailingBlanks() {
        return Arbitraries.strings().withChars(" \t\r").ofMaxLength(3);
    }

    @Provide
    Arbitrary<OutputComparator> comparators() {
        return Arbitraries.of(Comparators.exact(), Comparators.lines(), Comparators.tokens(),
                Comparators.floats(0, 0), Comparators.floats(1e-6, 1e-6), Comparators.unorderedLines(),
                Comparators.caseInsensitive(), Comparators.kattis(null),
                Comparators.kattis("case_sensitive space_change_sensitive float_tolerance 1e-6"));
    }

    /** A number token as programs print them, or a special value, or a word. */
    @Provide
    Arbitrary<String> numberTokens() {
        Arbitrary<String> plain = Arbitraries.doubles().between(-1e6, 1e6).ofScale(6)
                .map(d -> d.toString().replace('E', 'e'));
        Arbitrary<String> printf = Combinators.combine(
                        Arbitraries.doubles().between(-1e9, 1e9), Arbitraries.integers().between(0, 9),
                        Arbitraries.of("f", "e", "g"))
                .as((d, p, f) -> String.format(Locale.ROOT, "%." + p + f, d));
        Arbitrary<String> small = Arbitraries.integers().between(-20, 20).map(String::valueOf);
        Arbitrary<String> special = Arbitraries.of("nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity",
                "1e400", "0x10", "1.5d", "2f", "abc", "5.", ".5");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, plain), net.jqwik.api.Tuple.of(4, printf),
                net.jqwik.api.Tuple.of(2, small), net.jqwik.api.Tuple.of(1, special));
    }

    // ---- properties ---------------------------------------------------------------------------------------

    @Property
    void everyComparatorAcceptsIdenticalText(@ForAll("texts") String text,
            @ForAll("comparators") OutputComparator comparator) {
        byte[] out = utf8(text);
        assertThat(comparator.compare(NO_INPUT, out, out.clone()).isAccepted()).isTrue();
    }

    @Property
    void everyComparatorAcceptsIdenticalBytesEvenWhenNotUtf8(@ForAll("anyBytes") byte[] out,
            @ForAll("comparators") OutputComparator comparator) {
        assertThat(comparator.compare(NO_INPUT, out, out.clone()).isAccepted()).isTrue();
    }

    @Property
    void noComparatorThrowsOnArbitraryBytes(@ForAll("anyBytes") byte[] expected, @ForAll("anyBytes") byte[] actual,
            @ForAll("comparators") OutputComparator comparator) {
        Comparison c = comparator.compare(NO_INPUT, expected, actual);
        assertThat(c.isAccepted() || !c.message().isEmpty()).isTrue();
    }

    @Property
    void tokensIgnoreHowWhitespaceIsShaped(@ForAll @Size(max = 8) List<@From("tokens") String> tokens,
            @ForAll @Size(min = 9, max = 9) List<@From("whitespaceRuns") String> runs,
            @ForAll("trailingBlanks") String lead, @ForAll("trailingBlanks") String tail) {
        String plain = String.join(" ", tokens);
        StringBuilder reshaped = new StringBuilder(lead);
        for (int i = 0; i < tokens.size(); i++) {
            reshaped.append(i == 0 ? "" : runs.get(i)).append(tokens.get(i));
        }
        reshaped.append(runs.get(0)).append(tail);
        assertThat(Comparators.tokens().compare(NO_INPUT, utf8(plain), utf8(reshaped.toString())).isAccepted())
                .isTrue();
        assertThat(Comparators.tokens().compare(NO_INPUT, utf8(reshaped.toString()), utf8(plain)).isAccepted())
                .isTrue();
    }

    @Property(tries = 3000)
    void acceptanceNestsFromExactToLinesToTokens(@ForAll("smallTexts") String expected,
            @ForAll("smallTexts") String actual) {
        byte[] e = utf8(expected);
        byte[] a = utf8(actual);
        boolean exact = Comparators.exact().compare(NO_INPUT, e, a).isAccepted();
        boolean lines = Comparators.lines().compare(NO_INPUT, e, a).isAccepted();
        boolean tokens = Comparators.tokens().compare(NO_INPUT, e, a).isAccepted();
        Statistics.label("strictest accepting").collect(exact ? "exact" : lines ? "lines" : tokens ? "tokens" : "none");
        if (exact) {
            assertThat(lines).isTrue();
        }
        if (lines) {
            assertThat(tokens).isTrue();
            assertThat(Comparators.caseInsensitive().compare(NO_INPUT, e, a).isAccepted()).isTrue();
            assertThat(Comparators.unorderedLines().compare(NO_INPUT, e, a).isAccepted()).isTrue();
        }
        if (tokens) {
            assertThat(Comparators.floats(0, 0).compare(NO_INPUT, e, a).isAccepted()).isTrue();
        }
        Statistics.label("strictest accepting").coverage(c -> {
            c.check("lines").count(n -> n > 0);
            c.check("tokens").count(n -> n > 0);
        });
    }

    @Property(tries = 3000)
    void exactAndLinesCallOnlyWhitespaceDifferencesPresentationErrors(@ForAll("smallTexts") String expected,
            @ForAll("smallTexts") String actual) {
        byte[] e = utf8(expected);
        byte[] a = utf8(actual);
        boolean tokens = Comparators.tokens().compare(NO_INPUT, e, a).isAccepted();
        for (OutputComparator c : List.of(Comparators.exact(), Comparators.lines())) {
            Comparison r = c.compare(NO_INPUT, e, a);
            if (!r.isAccepted()) {
                assertThat(r.outcome()).isEqualTo(tokens ? Comparison.Outcome.PRESENTATION_ERROR
                        : Comparison.Outcome.WRONG_ANSWER);
                assertThat(r.fraction()).isZero();
                assertThat(r.message()).isNotEmpty();
            }
        }
    }

    @Property
    void floatsAreSymmetricWithoutRelativeTolerance(@ForAll("numberTokens") String x,
            @ForAll("numberTokens") String y, @ForAll @DoubleRange(min = 0, max = 10) double abs) {
        OutputComparator c = Comparators.floats(abs, 0);
        assertThat(c.compare(NO_INPUT, utf8(x), utf8(y)).isAccepted())
                .isEqualTo(c.compare(NO_INPUT, utf8(y), utf8(x)).isAccepted());
    }

    @Property
    void floatsCloseNumbersAreSymmetricWithoutRelativeTolerance(@ForAll @DoubleRange(min = -1e6, max = 1e6) double e,
            @ForAll @DoubleRange(min = -1e-3, max = 1e-3) @Scale(9) double delta,
            @ForAll @DoubleRange(min = 0, max = 1e-3) @Scale(9) double abs) {
        String x = Double.toString(e).replace('E', 'e');
        String y = Double.toString(e + delta).replace('E', 'e');
        OutputComparator c = Comparators.floats(abs, 0);
        boolean forth = c.compare(NO_INPUT, utf8(x), utf8(y)).isAccepted();
        Statistics.collect(forth);
        assertThat(forth).isEqualTo(c.compare(NO_INPUT, utf8(y), utf8(x)).isAccepted());
    }

    @Property
    void floatsAreMonotoneInTolerance(@ForAll("numberTokens") String expected, @ForAll("numberTokens") String actual,
            @ForAll @DoubleRange(min = 0, max = 1) double abs, @ForAll @DoubleRange(min = 0, max = 1) double rel,
            @ForAll @DoubleRange(min = 0, max = 1) double moreAbs,
            @ForAll @DoubleRange(min = 0, max = 1) double moreRel) {
        byte[] e = utf8(expected);
        byte[] a = utf8(actual);
        boolean tight = Comparators.floats(abs, rel).compare(NO_INPUT, e, a).isAccepted();
        Statistics.collect(tight);
        if (tight) {
            assertThat(Comparators.floats(abs + moreAbs, rel).compare(NO_INPUT, e, a).isAccepted()).isTrue();
            assertThat(Comparators.floats(abs, rel + moreRel).compare(NO_INPUT, e, a).isAccepted()).isTrue();
            assertThat(Comparators.floats(abs + moreAbs, rel + moreRel).compare(NO_INPUT, e, a).isAccepted())
                    .isTrue();
        }
    }

    @Property
    void floatsAreMonotoneInToleranceNearTheEdge(@ForAll @DoubleRange(min = -1e3, max = 1e3) double e,
            @ForAll @DoubleRange(min = -1e-2, max = 1e-2) @Scale(9) double delta,
            @ForAll @DoubleRange(min = 0, max = 1e-2) @Scale(9) double abs,
            @ForAll @DoubleRange(min = 0, max = 1e-4) @Scale(9) double rel,
            @ForAll @DoubleRange(min = 0, max = 1e-2) @Scale(9) double more) {
        byte[] x = utf8(Double.toString(e));
        byte[] y = utf8(Double.toString(e + delta));
        boolean tight = Comparators.floats(abs, rel).compare(NO_INPUT, x, y).isAccepted();
        Statistics.collect(tight);
        if (tight) {
            assertThat(Comparators.floats(abs + more, rel).compare(NO_INPUT, x, y).isAccepted()).isTrue();
            assertThat(Comparators.floats(abs, rel + more).compare(NO_INPUT, x, y).isAccepted()).isTrue();
        }
    }

    @Property
    void floatsAcceptWhatTokensAccept(@ForAll("texts") String text, @ForAll("whitespaceRuns") String extra) {
        byte[] e = utf8(text);
        byte[] a = utf8(extra + text.replace(" ", extra) + extra);
        if (Comparators.tokens().compare(NO_INPUT, e, a).isAccepted()) {
            assertThat(Comparators.floats(0, 0).compare(NO_INPUT, e, a).isAccepted()).isTrue();
        }
    }

    @Property
    void unorderedLinesIgnoreTheOrderOfLines(@ForAll @Size(max = 10) List<@From("lines") String> lines,
            @ForAll long seed, @ForAll boolean finalNewline) {
        List<String> shuffled = new ArrayList<>(lines);
        java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
        String nl = finalNewline ? "\n" : "";
        byte[] e = utf8(String.join("\n", lines) + "\n");
        byte[] a = utf8(String.join("\n", shuffled) + nl);
        assertThat(Comparators.unorderedLines().compare(NO_INPUT, e, a).isAccepted()).isTrue();
    }

    @Property
    void unorderedLinesNoticeALostLine(@ForAll @Size(min = 1, max = 10) List<@From("lines") String> lines,
            @ForAll long seed) {
        Assume.that(!lines.get(0).isBlank());
        List<String> shuffled = new ArrayList<>(lines.subList(1, lines.size()));
        java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
        byte[] e = utf8(String.join("\n", lines));
        byte[] a = utf8(String.join("\n", shuffled));
        assertThat(Comparators.unorderedLines().compare(NO_INPUT, e, a).outcome())
                .isEqualTo(Comparison.Outcome.WRONG_ANSWER);
    }

    @Property
    void caseInsensitiveIgnoresTheCaseOfAsciiLetters(@ForAll("texts") String text,
            @ForAll @Size(min = 1) List<Boolean> flips) {
        StringBuilder changed = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean flip = flips.get(i % flips.size()) && ch < 128 && Character.isLetter(ch);
            char flipped = Character.isUpperCase(ch) ? Character.toLowerCase(ch) : Character.toUpperCase(ch);
            changed.append(flip ? flipped : ch);
        }
        assertThat(Comparators.caseInsensitive().compare(NO_INPUT, utf8(text), utf8(changed.toString())).isAccepted())
                .isTrue();
    }

    @Property
    void linesIgnoreTrailingWhitespaceAndBlankLinesAtTheEnd(@ForAll @Size(max = 8) List<@From("lines") String> lines,
            @ForAll @Size(min = 8, max = 8) List<@From("trailingBlanks") String> pads,
            @ForAll @Size(max = 3) List<@From("trailingBlanks") String> blankLines,
            @ForAll boolean finalNewline) {
        StringBuilder padded = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            padded.append(lines.get(i)).append(pads.get(i)).append('\n');
        }
        for (String blank : blankLines) {
            padded.append(blank).append('\n');
        }
        byte[] e = utf8(String.join("\n", lines) + (finalNewline ? "\n" : ""));
        byte[] a = utf8(padded.toString());
        assertThat(Comparators.lines().compare(NO_INPUT, e, a).isAccepted()).isTrue();
        assertThat(Comparators.lines().compare(NO_INPUT, a, e).isAccepted()).isTrue();
        assertThat(Comparators.caseInsensitive().compare(NO_INPUT, e, a).isAccepted()).isTrue();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
