package dev.judge.core.compare.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.Comparison.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What testlib.h writes, written out from its {@code quit}: "outcome message\n" on stderr and the exit code, or
 * the message in the result file (plain or {@code -appes} XML) with "See file to check exit message" on stderr.
 */
class TestlibProtocolTest {

    private static final String SEE_FILE = "\nSee file to check exit message\n";

    /** Exit code, stderr, expected outcome, fraction and message, points relative to 1. */
    static Stream<Arguments> stderrVectors() {
        return Stream.of(
                // quitf(_ok, "%d numbers", 3)
                v(0, "ok 3 numbers\n", Outcome.ACCEPTED, 1, "3 numbers"),
                // quit(_ok, "")
                v(0, "ok \n", Outcome.ACCEPTED, 1, ""),
                // quitf(_wa, ...) as in wcmp
                v(1, "wrong answer 2nd words differ - expected: 'b', found: 'c'\n", Outcome.WRONG_ANSWER, 0,
                        "2nd words differ - expected: 'b', found: 'c'"),
                // quitf(_wa, "expected [3], found %d", 4)
                v(1, "wrong answer expected [3], found 4\n", Outcome.WRONG_ANSWER, 0, "expected [3], found 4"),
                // what the checker printed to stderr before quitting is not the message
                v(1, "read 5 tokens\nok so far\nwrong answer too short\n", Outcome.WRONG_ANSWER, 0, "too short"),
                // a message over several lines stays whole
                v(1, "wrong answer line one\nline two\n", Outcome.WRONG_ANSWER, 0, "line one\nline two"),
                // quit(_pe, ...)
                v(2, "wrong output format Expected EOLN\n", Outcome.PRESENTATION_ERROR, 0, "Expected EOLN"),
                // _dirt: testlib checks for extra output after ok/points and reports it as _pe, exit 2
                v(2, "wrong output format Extra information in the output file\n", Outcome.PRESENTATION_ERROR, 0,
                        "Extra information in the output file"),
                // _unexpected_eof without ENABLE_UNEXPECTED_EOF is _pe too
                v(2, "wrong output format Unexpected end of file - int32 expected\n", Outcome.PRESENTATION_ERROR, 0,
                        "Unexpected end of file - int32 expected"),
                // DIRT_EXIT_CODE itself, from a checker that halts with it
                v(4, "wrong output format Extra information in the output file\n", Outcome.PRESENTATION_ERROR, 0,
                        "Extra information in the output file"),
                // _unexpected_eof with ENABLE_UNEXPECTED_EOF
                v(8, "unexpected eof Unexpected end of file - int32 expected\n", Outcome.PRESENTATION_ERROR, 0,
                        "Unexpected end of file - int32 expected"),
                // quitf(_fail, ...)
                v(3, "FAIL Participant has the better answer: jans = 10, pans = 9\n", Outcome.CHECKER_FAILED, 0,
                        "Participant has the better answer: jans = 10, pans = 9"),
                // quitp(0.5, "half")
                v(7, "points 0.5 half\n", Outcome.PARTIAL, 0.5, "half"),
                // quitp(1.0 / 3): %.10f, trailing zeros removed
                v(7, "points 0.3333333333\n", Outcome.PARTIAL, 0.3333333333, ""),
                // quitp(1.0) and quitp(0.0): one zero kept after the point
                v(7, "points 1.0 all of it\n", Outcome.ACCEPTED, 1, "all of it"),
                v(7, "points 0.0 nothing\n", Outcome.WRONG_ANSWER, 0, "nothing"),
                // quitp(1, "...") with an int: %d
                v(7, "points 1 ok\n", Outcome.ACCEPTED, 1, "ok"),
                // quitpi("0.25", "a quarter")
                v(7, "points points_info=0.25 a quarter\n", Outcome.PARTIAL, 0.25, "a quarter"),
                // the message starts with a number: only the first word is the points
                v(7, "points 0.2 3 of 15 queries\n", Outcome.PARTIAL, 0.2, "3 of 15 queries"),
                // more than the test is worth, or no number: the checker is wrong
                v(7, "points 2.0 double\n", Outcome.CHECKER_FAILED, 0, "points 2.0 are outside [0, 1]: double"),
                v(7, "points points_info=fast\n", Outcome.CHECKER_FAILED, 0,
                        "exit code 7 (points) without a number of points: points_info=fast"),
                v(7, "", Outcome.CHECKER_FAILED, 0, "exit code 7 (points) without a number of points"),
                // quitf(_pc(40), ...) exits 40 with the default PC_BASE_EXIT_CODE 0
                v(40, "partially correct (40) 4 of 10\n", Outcome.PARTIAL, 0.4, "4 of 10"),
                // _pc(1) exits 1 like a wrong answer: the text tells them apart
                v(1, "partially correct (1) almost nothing\n", Outcome.PARTIAL, 0.01, "almost nothing"),
                // _pc(0) exits 0
                v(0, "partially correct (0) \n", Outcome.PARTIAL, 0, ""),
                // TESTSYS: PC_BASE_EXIT_CODE 50
                v(75, "partially correct (25) a quarter\n", Outcome.PARTIAL, 0.25, "a quarter"),
                // a base of 16, the value of _partially, read from the text
                v(16 + 60, "partially correct (60) \n", Outcome.PARTIAL, 0.6, ""),
                // without the text, an exit code no other outcome uses is _pc with the default base 0
                v(40, "", Outcome.PARTIAL, 0.4, ""),
                v(5, "", Outcome.PARTIAL, 0.05, ""),
                v(100, "", Outcome.PARTIAL, 1, ""),
                v(16 + 150, "partially correct (150) too much\n", Outcome.CHECKER_FAILED, 0,
                        "partially correct (150) is more than 100 percent: too much"),
                v(101, "", Outcome.CHECKER_FAILED, 0, "checker exited with 101, which is no testlib outcome"),
                v(50 + 150, "partially correct (150) too much\n", Outcome.CHECKER_FAILED, 0,
                        "partially correct (150) is more than 100 percent: too much"),
                // colours, as testlib writes them when stderr is a terminal
                v(1, "\u001b[1;31mwrong answer \u001b[0mexpected 3, found 4\n\u001b[0m", Outcome.WRONG_ANSWER, 0,
                        "expected 3, found 4"),
                // a checker that only follows the exit codes: all of stderr is the message
                v(1, "expected 3 got 4\n", Outcome.WRONG_ANSWER, 0, "expected 3 got 4"),
                // exit codes testlib never uses
                v(139, "Segmentation fault\n", Outcome.CHECKER_FAILED, 0,
                        "checker exited with 139, which is no testlib outcome: Segmentation fault"),
                v(-1, "", Outcome.CHECKER_FAILED, 0, "checker exited with -1, which is no testlib outcome"),
                // an outcome line that does not match the exit code is not taken for one
                v(1, "ok 3 numbers\n", Outcome.WRONG_ANSWER, 0, "ok 3 numbers"));
    }

    private static Arguments v(int exit, String stderr, Outcome outcome, double fraction, String message) {
        return Arguments.of(exit, stderr, outcome, fraction, message);
    }

    @ParameterizedTest(name = "exit {0}: {1}")
    @MethodSource("stderrVectors")
    void decodesStderr(int exit, String stderr, Outcome outcome, double fraction, String message) {
        assertThat(TestlibProtocol.decode(exit, utf8(stderr))).isEqualTo(new Comparison(outcome, fraction, message));
    }

    @Test
    void readsThePlainResultFile() {
        // check input output answer result.txt: the message alone in the file, nothing but a note on stderr
        assertThat(TestlibProtocol.decode(1, utf8(SEE_FILE), utf8("1st numbers differ - expected: '3', found: '4'"), 1))
                .isEqualTo(new Comparison(Outcome.WRONG_ANSWER, 0, "1st numbers differ - expected: '3', found: '4'"));
        assertThat(TestlibProtocol.decode(7, utf8(SEE_FILE), utf8("0.75 three of four"), 1))
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0.75, "three of four"));
        assertThat(TestlibProtocol.decode(0, utf8(SEE_FILE), utf8("2 lines"), 1))
                .isEqualTo(new Comparison(Outcome.ACCEPTED, 1, "2 lines"));
        // quitf(_pc(40), "4 of %d", 10): exit 40 and the message alone
        assertThat(TestlibProtocol.decode(40, utf8(SEE_FILE), utf8("4 of 10"), 1))
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0.4, "4 of 10"));
    }

    @Test
    void readsTheAppesResultFile() {
        String head = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>";
        assertThat(TestlibProtocol.decode(7, utf8(SEE_FILE),
                utf8(head + "<result outcome = \"points\" points = \"0.75\">0.75 three of four</result>\n"), 1))
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0.75, "three of four"));
        // quitp(3, ...) with an int: "%d" in the message, "%.10f" trimmed in the attribute
        assertThat(TestlibProtocol.decode(7, utf8(SEE_FILE),
                utf8(head + "<result outcome = \"points\" points = \"3.0\">3 of 4 groups</result>\n"), 4))
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0.75, "of 4 groups"));
        assertThat(TestlibProtocol.decode(1, utf8(SEE_FILE),
                utf8(head + "<result outcome = \"wrong-answer\">expected &quot;a&lt;b&quot; &amp; more</result>\n"), 1))
                .isEqualTo(new Comparison(Outcome.WRONG_ANSWER, 0, "expected \"a<b\" & more"));
        assertThat(TestlibProtocol.decode(30, utf8(SEE_FILE),
                utf8(head + "<result outcome = \"partially-correct\" pctype = \"30\">30 percent</result>\n"), 1))
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0.3, "30 percent"));
        assertThat(TestlibProtocol.decode(2, utf8(SEE_FILE),
                utf8(head + "<result outcome = \"presentation-error\">Extra information in the output file</result>\n"),
                1)).isEqualTo(new Comparison(Outcome.PRESENTATION_ERROR, 0, "Extra information in the output file"));
    }

    @Test
    void pointsAreRelativeToTheTestsMaximum() {
        assertThat(TestlibProtocol.decode(7, utf8("points 15 of 20\n"), null, 20))
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0.75, "of 20"));
        assertThat(TestlibProtocol.decode(7, utf8("points 20\n"), null, 20))
                .isEqualTo(new Comparison(Outcome.ACCEPTED, 1, ""));
        assertThat(TestlibProtocol.decode(7, utf8("points 21\n"), null, 20).outcome())
                .isEqualTo(Outcome.CHECKER_FAILED);
        assertThatThrownBy(() -> TestlibProtocol.decode(7, utf8("points 1\n"), null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestlibProtocol.decode(7, utf8("points 1\n"), null, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverThrowsOnJunk() {
        byte[] junk = {(byte) 0xff, 'p', 'o', 'i', 'n', 't', 's', ' ', (byte) 0xc3, '\n', 0};
        for (int exit : new int[] {0, 1, 2, 3, 4, 7, 8, 16, 42, 255}) {
            Comparison c = TestlibProtocol.decode(exit, junk, junk, 1);
            assertThat(c.fraction()).isBetween(0.0, 1.0);
            assertThat(TestlibProtocol.decode(exit, null, null, 1)).isNotNull();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
