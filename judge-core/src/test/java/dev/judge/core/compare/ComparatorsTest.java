package dev.judge.core.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.compare.Comparison.Outcome;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.SourceFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ComparatorsTest {

    private static Comparison compare(OutputComparator c, String expected, String actual) {
        return c.compare(new byte[0], utf8(expected), utf8(actual));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void accepts(OutputComparator c, String expected, String actual) {
        assertThat(compare(c, expected, actual)).isEqualTo(Comparison.accepted());
    }

    private static void rejects(OutputComparator c, String expected, String actual, Outcome outcome, String message) {
        Comparison r = compare(c, expected, actual);
        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.fraction()).isZero();
        assertThat(r.message()).isEqualTo(message);
    }

    @Nested
    class Factory {

        @Test
        void buildsEachSpec() {
            assertThat(Comparators.of(ComparatorSpec.exact())).isSameAs(Comparators.exact());
            assertThat(Comparators.of(ComparatorSpec.lines())).isSameAs(Comparators.lines());
            assertThat(Comparators.of(ComparatorSpec.tokens())).isSameAs(Comparators.tokens());
            assertThat(Comparators.of(ComparatorSpec.unorderedLines())).isSameAs(Comparators.unorderedLines());
            assertThat(Comparators.of(ComparatorSpec.caseInsensitive())).isSameAs(Comparators.caseInsensitive());
            assertThat(Comparators.of(ComparatorSpec.floats(1e-6, 1e-9))).isEqualTo(Comparators.floats(1e-6, 1e-9))
                    .hasToString("floats(abs=1.0E-6, rel=1.0E-9)");
        }

        @Test
        void leavesTheCheckerProgramToThePipeline() {
            ComparatorSpec checker = new ComparatorSpec.Checker("cpp17", List.of(SourceFile.main("int main(){}")));
            assertThatThrownBy(() -> Comparators.of(checker)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sandbox").hasMessageContaining("pipeline");
        }

        @Test
        void refusesBadTolerances() {
            assertThatThrownBy(() -> Comparators.floats(-1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Comparators.floats(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Comparators.floats(Double.POSITIVE_INFINITY, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ComparatorSpec.floats(-1, 0)).isInstanceOf(InvalidSubmissionException.class);
        }

        @Test
        void refusesNullOutputs() {
            assertThatThrownBy(() -> Comparators.lines().compare(null, null, new byte[0]))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Comparators.tokens().compare(null, new byte[0], null))
                    .isInstanceOf(NullPointerException.class);
            assertThat(Comparators.exact().compare(null, new byte[0], new byte[0]).isAccepted()).isTrue();
        }
    }

    @Nested
    class Exact {
        private final OutputComparator c = Comparators.exact();

        @Test
        void acceptsOnlyTheSameBytes() {
            accepts(c, "", "");
            accepts(c, "1 2\r\n", "1 2\r\n");
            rejects(c, "3\n", "4\n", Outcome.WRONG_ANSWER, "line 1, column 1: expected \"3\\n\", got \"4\\n\"");
            rejects(c, "1\n2\n3\n", "1\n2\n", Outcome.WRONG_ANSWER,
                    "line 3, column 1: expected \"3\\n\", got end of output");
            rejects(c, "1\n", "1\n2\n", Outcome.WRONG_ANSWER, "line 2, column 1: expected end of output, got \"2\\n\"");
            rejects(c, "", "x", Outcome.WRONG_ANSWER, "line 1, column 1: expected end of output, got \"x\"");
        }

        @Test
        void callsAWhitespaceOnlyDifferenceAPresentationError() {
            rejects(c, "3\n", "3", Outcome.PRESENTATION_ERROR,
                    "line 1, column 2: expected \"3\\n\", got \"3\" (only whitespace differs)");
            rejects(c, "1 2\n", "1 2\r\n", Outcome.PRESENTATION_ERROR,
                    "line 1, column 4: expected \"1 2\\n\", got \"1 2\\r\\n\" (only whitespace differs)");
            rejects(c, "", "\n", Outcome.PRESENTATION_ERROR,
                    "line 1, column 1: expected end of output, got \"\\n\" (only whitespace differs)");
        }
    }

    @Nested
    class Lines {
        private final OutputComparator c = Comparators.lines();

        @Test
        void ignoresTrailingWhitespaceCrlfAndTheFinalNewline() {
            accepts(c, "1\n2\n42\n", "1\n2\n42\n");
            accepts(c, "1\n2\n42\n", "1 \t\r\n2\r\n42");
            accepts(c, "3", "3\n\n\n  \n\t\r\n");
            accepts(c, "", "");
            accepts(c, "", "\n");
            accepts(c, "\n\n", "");
            accepts(c, "a\n\nb\n", "a\r\n\r\nb\r\n");
        }

        @Test
        void namesTheFirstDifferentLine() {
            rejects(c, "1\n2\n42\n", "1\n2\n41\n", Outcome.WRONG_ANSWER, "line 3: expected \"42\", got \"41\"");
            rejects(c, "1\n2\n", "1\n", Outcome.WRONG_ANSWER, "line 2: expected \"2\", got end of output");
            rejects(c, "1\n", "1\n\n3\n", Outcome.WRONG_ANSWER, "line 2: expected end of output, got \"\"");
            rejects(c, "", "x", Outcome.WRONG_ANSWER, "line 1: expected end of output, got \"x\"");
            rejects(c, "x", "", Outcome.WRONG_ANSWER, "line 1: expected \"x\", got end of output");
            rejects(c, "Yes\n", "yes\n", Outcome.WRONG_ANSWER, "line 1: expected \"Yes\", got \"yes\"");
        }

        @Test
        void callsAWhitespaceOnlyDifferenceAPresentationError() {
            rejects(c, "1 2\n", "1  2\n", Outcome.PRESENTATION_ERROR,
                    "line 1: expected \"1 2\", got \"1  2\" (only whitespace differs)");
            rejects(c, "x\n", " x\n", Outcome.PRESENTATION_ERROR,
                    "line 1: expected \"x\", got \" x\" (only whitespace differs)");
            rejects(c, "1 2\n", "1\n2\n", Outcome.PRESENTATION_ERROR,
                    "line 1: expected \"1 2\", got \"1\" (only whitespace differs)");
            rejects(c, "a\nb\n", "\na\nb\n", Outcome.PRESENTATION_ERROR,
                    "line 1: expected \"a\", got \"\" (only whitespace differs)");
        }

        @Test
        void quotesOnlyPartOfALongLineAroundTheDifference() {
            String head = "x".repeat(200);
            String tail = "y".repeat(200);
            Comparison r = compare(c, head + "A" + tail + "\n", head + "B" + tail + "\n");
            assertThat(r.outcome()).isEqualTo(Outcome.WRONG_ANSWER);
            assertThat(r.message()).startsWith("line 1: expected \"...xxxxxxxxxxxxxxxxA")
                    .contains("\", got \"...xxxxxxxxxxxxxxxxB").endsWith("yyy...\"");
            assertThat(r.message().length()).isLessThan(2 * 64 + 50);
        }

        @Test
        void escapesControlCharactersInMessages() {
            rejects(c, "a\tb\u0001\"\\", "a\tb", Outcome.WRONG_ANSWER,
                    "line 1: expected \"a\\tb\\u0001\\\"\\\\\", got \"a\\tb\"");
        }
    }

    @Nested
    class Tokens {
        private final OutputComparator c = Comparators.tokens();

        @Test
        void ignoresAllWhitespace() {
            accepts(c, "1 2 3\n", "  1\n2\t\t3\r\n\n");
            accepts(c, "", " \n\t\u000b\f\r");
            accepts(c, "a b", "a\u000bb");
        }

        @Test
        void namesTheTokenIndex() {
            rejects(c, "1 2 3\n", "1 2 4\n", Outcome.WRONG_ANSWER, "token 3: expected \"3\", got \"4\"");
            rejects(c, "1 2 3\n", "1 2\n", Outcome.WRONG_ANSWER, "token 3: expected \"3\", got end of output");
            rejects(c, "1 2\n", "1 2 3\n", Outcome.WRONG_ANSWER, "token 3: expected end of output, got \"3\"");
            rejects(c, "1.0", "1", Outcome.WRONG_ANSWER, "token 1: expected \"1.0\", got \"1\"");
        }

        @Test
        void treatsNonAsciiSpaceAsPartOfAToken() {
            rejects(c, "a b", "a\u00a0b", Outcome.WRONG_ANSWER, "token 1: expected \"a\", got \"a\u00a0b\"");
        }
    }

    @Nested
    class Floats {

        @Test
        void acceptsNumbersWithinAbsoluteOrRelativeTolerance() {
            OutputComparator c = Comparators.floats(1e-6, 0);
            accepts(c, "3.1415926\n", "3.1415930");
            accepts(c, "1 2.5 x", "1.0000001 2.5000000 x");
            accepts(c, "0", "-0.0");
            accepts(c, "1e3", "1000.0000001");
            accepts(c, "100", "+100");
            rejects(c, "3.14159", "3.15", Outcome.WRONG_ANSWER, "token 1: expected \"3.14159\", got \"3.15\" "
                    + "(differs by 0.00841, allowed 1.0E-6 absolute or 0.0 relative)");
            OutputComparator rel = Comparators.floats(0, 1e-6);
            accepts(rel, "1000000000", "1000000900");
            rejects(rel, "1000000000", "1000001100", Outcome.WRONG_ANSWER, "token 1: expected \"1000000000\", got "
                    + "\"1000001100\" (differs by 1.10e+03, allowed 0.0 absolute or 1.0E-6 relative)");
        }

        @Test
        void relativeToleranceIsRelativeToTheExpectedValue() {
            OutputComparator c = Comparators.floats(0, 0.5);
            accepts(c, "2", "1");
            assertThat(compare(c, "1", "2").isAccepted()).isFalse();
        }

        @Test
        void comparesOtherTokensAsText() {
            OutputComparator c = Comparators.floats(1, 1);
            accepts(c, "YES 1", "YES 1.5");
            rejects(c, "YES", "yes", Outcome.WRONG_ANSWER, "token 1: expected \"YES\", got \"yes\"");
            rejects(c, "1 2", "1", Outcome.WRONG_ANSWER, "token 2: expected \"2\", got end of output");
        }

        @Test
        void readsOnlyPlainDecimalNumbers() {
            OutputComparator c = Comparators.floats(1, 1);
            rejects(c, "16", "0x10", Outcome.WRONG_ANSWER, "token 1: expected \"16\", got \"0x10\"");
            rejects(c, "1.5", "1.5d", Outcome.WRONG_ANSWER, "token 1: expected \"1.5\", got \"1.5d\"");
            rejects(c, "2", "2f", Outcome.WRONG_ANSWER, "token 1: expected \"2\", got \"2f\"");
            rejects(c, "5", "5.", Outcome.WRONG_ANSWER, "token 1: expected \"5\", got \"5.\"");
            rejects(c, "0.5", ".5", Outcome.WRONG_ANSWER, "token 1: expected \"0.5\", got \".5\"");
            rejects(c, "1", "1e", Outcome.WRONG_ANSWER, "token 1: expected \"1\", got \"1e\"");
            rejects(c, "1", "--1", Outcome.WRONG_ANSWER, "token 1: expected \"1\", got \"--1\"");
            accepts(c, "1E2", "100.5");
            accepts(c, "1e+2", "1.005e2");
            accepts(c, "-1e-2", "-0.01");
        }

        @Test
        void comparesNanAndInfinityOnlyWithThemselves() {
            OutputComparator c = Comparators.floats(1e9, 1e9);
            accepts(c, "nan", "NaN");
            accepts(c, "nan", "-nan");
            accepts(c, "inf", "Infinity");
            accepts(c, "-inf", "-INFINITY");
            accepts(c, "+inf", "inf");
            rejects(c, "inf", "-inf", Outcome.WRONG_ANSWER, "token 1: expected \"inf\", got \"-inf\"");
            rejects(c, "nan", "0", Outcome.WRONG_ANSWER, "token 1: expected \"nan\", got \"0\"");
            rejects(c, "0", "nan", Outcome.WRONG_ANSWER, "token 1: expected \"0\", got \"nan\"");
            rejects(c, "1e308", "inf", Outcome.WRONG_ANSWER, "token 1: expected \"1e308\", got \"inf\"");
            rejects(c, "nan", "inf", Outcome.WRONG_ANSWER, "token 1: expected \"nan\", got \"inf\"");
            rejects(c, "infinite", "inf", Outcome.WRONG_ANSWER, "token 1: expected \"infinite\", got \"inf\"");
        }

        @Test
        void comparesNumbersBeyondDoubleAsText() {
            OutputComparator c = Comparators.floats(1e9, 0);
            accepts(c, "1e400", "1e400");
            rejects(c, "1e400", "1e401", Outcome.WRONG_ANSWER, "token 1: expected \"1e400\", got \"1e401\"");
            rejects(c, "1e308", "-1e308", Outcome.WRONG_ANSWER,
                    "token 1: expected \"1e308\", got \"-1e308\" "
                            + "(differs by Infinity, allowed 1.0E9 absolute or 0.0 relative)");
            // The difference overflows, but 2e308 <= 2 * 1e308 holds, and so does the overflowed comparison.
            accepts(Comparators.floats(0, 2), "1e308", "-1e308");
        }
    }

    @Nested
    class UnorderedLines {
        private final OutputComparator c = Comparators.unorderedLines();

        @Test
        void acceptsAnyOrderAndIgnoresBlankLines() {
            accepts(c, "a\nb\nc\n", "c\nb\na");
            accepts(c, "a\n\nb\n", "b \r\na\n\n\n");
            accepts(c, "x\nx\ny\n", "x\ny\nx\n");
            accepts(c, "", "\n \n");
        }

        @Test
        void namesALineThatOccursTooOftenOrTooRarely() {
            rejects(c, "a\nb\nc\n", "c\na\n", Outcome.WRONG_ANSWER,
                    "line \"b\" occurs once in the expected output but 0 times in the output "
                            + "(first at line 2 of the expected output)");
            rejects(c, "a\nb\n", "b\na\nb\n", Outcome.WRONG_ANSWER,
                    "line \"b\" occurs once in the expected output but 2 times in the output "
                            + "(first at line 1 of the output)");
            rejects(c, "a\n", " a\n", Outcome.WRONG_ANSWER,
                    "line \"a\" occurs once in the expected output but 0 times in the output "
                            + "(first at line 1 of the expected output)");
        }

        // Two lines with the same 32-bit FNV-1a hash, which the implementation groups lines by. The hash's state
        // is its value, so any sequence of these two blocks collides with any other of the same length.
        private static final String A = "jgokkv";
        private static final String B = "hakrwk";

        @Test
        void tellsLinesWithCollidingHashesApart() {
            accepts(c, A + "\n" + B + "\n", B + "\n" + A + "\n");
            accepts(c, A + B + "\n" + B + A + "\n" + A + B + "\n", A + B + "\n" + A + B + "\n" + B + A + "\n");
            rejects(c, A + "\n" + A + "\n" + B + "\n", B + "\n" + A + "\n" + B + "\n", Outcome.WRONG_ANSWER,
                    "line \"" + A + "\" occurs 2 times in the expected output but once in the output "
                            + "(first at line 1 of the expected output)");
            rejects(c, A + "\n", B + "\n", Outcome.WRONG_ANSWER,
                    "line \"" + A + "\" occurs once in the expected output but 0 times in the output "
                            + "(first at line 1 of the expected output)");
        }

        @Test
        void staysFastWhenEveryHashCollides() {
            List<String> lines = new java.util.ArrayList<>();
            int n = 1 << 15;
            for (int i = 0; i < n; i++) {
                lines.add(Integer.toBinaryString(i | n).substring(1).replace("0", A).replace("1", B));
            }
            String expected = String.join("\n", lines);
            java.util.Collections.reverse(lines);
            String reversed = String.join("\n", lines);
            String lostOne = String.join("\n", lines.subList(0, n - 1));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadCpuTime();
            accepts(c, expected, reversed);
            Comparison r = compare(c, expected, lostOne);
            long millis = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
            assertThat(r.outcome()).isEqualTo(Outcome.WRONG_ANSWER);
            assertThat(r.message()).startsWith("line \"" + A.repeat(10))
                    .endsWith("\" occurs once in the expected output but 0 times in the output "
                            + "(first at line 1 of the expected output)");
            // Comparing 32768 colliding lines pairwise would take minutes; this takes a small fraction of a second.
            assertThat(millis).isLessThan(3000);
        }
    }

    @Nested
    class CaseInsensitive {
        private final OutputComparator c = Comparators.caseInsensitive();

        @Test
        void ignoresCaseInAnyScript() {
            accepts(c, "YES\nNo\n", "yes\r\nNO");
            accepts(c, "ÄÖÜ Σ\n", "äöü σ");
            rejects(c, "Straße", "STRASSE", Outcome.WRONG_ANSWER, "line 1: expected \"Straße\", got \"STRASSE\"");
            rejects(c, "yes\n", "yes\nno\n", Outcome.WRONG_ANSWER, "line 2: expected end of output, got \"no\"");
            rejects(c, "a b\n", "A  B\n", Outcome.WRONG_ANSWER, "line 1: expected \"a b\", got \"A  B\"");
        }

        @Test
        void foldsOnlyAsciiLettersInInvalidUtf8() {
            byte[] expected = {'A', (byte) 0xff, '\n'};
            assertThat(c.compare(null, expected, new byte[] {'a', (byte) 0xff}).isAccepted()).isTrue();
            Comparison r = c.compare(null, expected, new byte[] {'a', (byte) 0xfe});
            assertThat(r.outcome()).isEqualTo(Outcome.WRONG_ANSWER);
            assertThat(r.message()).isEqualTo("line 1: expected \"A\ufffd\", got \"a\ufffd\"");
        }
    }

    @Nested
    class InvalidUtf8 {

        @Test
        void comparesBytesAndQuotesWithReplacement() {
            byte[] expected = {'o', 'k', (byte) 0xc3, '\n'};
            byte[] actual = {'o', 'k', (byte) 0xc4, '\n'};
            for (OutputComparator c : List.of(Comparators.exact(), Comparators.lines(), Comparators.tokens(),
                    Comparators.floats(1, 1), Comparators.unorderedLines(), Comparators.caseInsensitive())) {
                assertThat(c.compare(null, expected, expected.clone()).isAccepted()).as(c.toString()).isTrue();
                Comparison r = c.compare(null, expected, actual);
                assertThat(r.outcome()).as(c.toString()).isEqualTo(Outcome.WRONG_ANSWER);
                assertThat(r.message()).as(c.toString()).contains("ok\ufffd");
            }
        }

        @Test
        void doesNotCutAQuotedCharacterInHalf() {
            String line = "é".repeat(100);
            Comparison r = compare(Comparators.lines(), line + "a", line + "b");
            // The excerpt would start in the middle of an "é"; it starts at the next character instead.
            assertThat(r.message()).doesNotContain("\ufffd").startsWith("line 1: expected \"...é").endsWith("éb\"");
        }
    }

    @Nested
    class HugeOutput {
        private static final int SIZE = 16 << 20;

        /** 16 MiB of 16-byte lines like "123456 0.5 Word\n", the last one differing when {@code last} does. */
        private byte[] output(char last) {
            byte[] out = new byte[SIZE];
            byte[] line = "123456 0.5 Word\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i + line.length <= SIZE; i += line.length) {
                System.arraycopy(line, 0, out, i, line.length);
                // Make lines distinct so the unordered comparison really has a million keys.
                int n = i / line.length;
                for (int d = 0; d < 6; d++) {
                    out[i + 5 - d] = (byte) ('0' + n % 10);
                    n /= 10;
                }
            }
            out[SIZE - 2] = (byte) last;
            return out;
        }

        @Test
        void comparesSixteenMebibytesInUnderASecond() {
            byte[] expected = output('d');
            byte[] same = expected.clone();
            byte[] different = output('x');
            byte[] reversed = new byte[SIZE];
            for (int i = 0; i < SIZE; i += 16) {
                System.arraycopy(expected, i, reversed, SIZE - 16 - i, 16);
            }
            for (OutputComparator c : List.of(Comparators.exact(), Comparators.lines(), Comparators.tokens(),
                    Comparators.floats(1e-6, 1e-6), Comparators.unorderedLines(), Comparators.caseInsensitive())) {
                assertThat(timed(c, expected, same).isAccepted()).as(c.toString()).isTrue();
                assertThat(timed(c, expected, different).isAccepted()).as(c.toString()).isFalse();
                assertThat(timed(c, expected, reversed).isAccepted()).as(c.toString())
                        .isEqualTo(c == Comparators.unorderedLines());
            }
        }

        /**
         * Compares, and asserts that it took under a second of this thread's CPU time, the best of three tries:
         * the comparison is pure and single-threaded, so wall-clock time beyond that measures a busy machine
         * (other builds, a GC pause), not the comparator.
         */
        private Comparison timed(OutputComparator c, byte[] expected, byte[] actual) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            boolean cpu = threads.isCurrentThreadCpuTimeSupported();
            long best = Long.MAX_VALUE;
            Comparison r = null;
            for (int i = 0; i < 3 && best >= 1000; i++) {
                long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
                r = c.compare(null, expected, actual);
                long end = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
                best = Math.min(best, (end - start) / 1_000_000);
            }
            assertThat(best).as(c + " took " + best + " ms").isLessThan(1000);
            return r;
        }

        @Test
        void readsOneHugeTokenLinearly() {
            byte[] digits = new byte[SIZE];
            Arrays.fill(digits, (byte) '7');
            byte[] other = digits.clone();
            other[SIZE - 1] = '8';
            Comparison r = timed(Comparators.floats(1e-6, 0), digits, other);
            assertThat(r.isAccepted()).isFalse();
            assertThat(r.message()).startsWith("token 1: expected \"...777").hasSizeLessThan(250);
        }
    }
}
