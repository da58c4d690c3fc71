package dev.judge.core.compare.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.Comparison.Outcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Kattis and DOMjudge output validators: 42 and 43, the feedback files, score.txt. */
class OutputValidatorProtocolTest {

    /** What problemtools' default validator writes to judgemessage.txt for a mismatch. */
    private static final String DEFAULT_VALIDATOR_MESSAGE =
            "Wrong answer on line 2 of output (corresponding to line 2 in answer file)\n"
                    + "String tokens mismatch\nJudge: \"7\"\nUser: \"8\"\n";

    @Test
    void fortyTwoAcceptsWithFullMarks() {
        assertThat(OutputValidatorProtocol.decode(42, null, null))
                .isEqualTo(new OutputValidatorProtocol.Result(Comparison.accepted(), ""));
        assertThat(OutputValidatorProtocol.decode(42, utf8(""), utf8("")).comparison()).isEqualTo(Comparison.accepted());
    }

    @Test
    void fortyThreeIsAWrongAnswerWithTheJudgeMessageAndTheTeamMessageBeside() {
        OutputValidatorProtocol.Result r = OutputValidatorProtocol.decode(43, utf8(DEFAULT_VALIDATOR_MESSAGE),
                utf8("Your second number is off.\n"));
        assertThat(r.comparison()).isEqualTo(new Comparison(Outcome.WRONG_ANSWER, 0,
                "Wrong answer on line 2 of output (corresponding to line 2 in answer file)\n"
                        + "String tokens mismatch\nJudge: \"7\"\nUser: \"8\""));
        assertThat(r.teamMessage()).isEqualTo("Your second number is off.");
        // a rejected test scores nothing whatever score.txt says
        assertThat(OutputValidatorProtocol.decode(43, null, null, utf8("10\n"), 10).comparison())
                .isEqualTo(new Comparison(Outcome.WRONG_ANSWER, 0, ""));
    }

    @Test
    void anyOtherExitIsTheValidatorsFailure() {
        for (int exit : new int[] {0, 1, 2, 3, 7, 41, 44, 134, -1}) {
            Comparison c = OutputValidatorProtocol.decode(exit, utf8("assertion failed\n"), null).comparison();
            assertThat(c.outcome()).as("exit %d", exit).isEqualTo(Outcome.CHECKER_FAILED);
            assertThat(c.fraction()).isZero();
            assertThat(c.message()).isEqualTo("output validator exited with " + exit
                    + "; only 42 (accepted) and 43 (wrong answer) are verdicts\nassertion failed");
        }
    }

    @Test
    void scoreTxtGivesTheShareOfTheTestsMaximum() {
        assertThat(OutputValidatorProtocol.decode(42, utf8("good"), null, utf8("37.5\n"), 50).comparison())
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0.75, "good"));
        assertThat(OutputValidatorProtocol.decode(42, null, null, utf8("50"), 50).comparison())
                .isEqualTo(Comparison.accepted());
        assertThat(OutputValidatorProtocol.decode(42, null, null, utf8("0"), 50).comparison())
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0, ""));
        assertThat(OutputValidatorProtocol.decode(42, null, null, utf8("  \n"), 50).comparison())
                .isEqualTo(Comparison.accepted());
        assertThat(OutputValidatorProtocol.decode(42, null, null, utf8("2.5e1"), 100).comparison().fraction())
                .isEqualTo(0.25);
    }

    @Test
    void aBadScoreIsTheValidatorsFailure() {
        assertThat(OutputValidatorProtocol.decode(42, null, null, utf8("60"), 50).comparison())
                .isEqualTo(new Comparison(Outcome.CHECKER_FAILED, 0, "score 60 is outside [0, 50.0]"));
        assertThat(OutputValidatorProtocol.decode(42, null, null, utf8("-1"), 50).comparison().outcome())
                .isEqualTo(Outcome.CHECKER_FAILED);
        assertThat(OutputValidatorProtocol.decode(42, utf8("x"), null, utf8("lots"), 50).comparison())
                .isEqualTo(new Comparison(Outcome.CHECKER_FAILED, 0, "score.txt holds no number: \"lots\"\nx"));
        assertThatThrownBy(() -> OutputValidatorProtocol.decode(42, null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidUtf8IsReplacedNotThrown() {
        byte[] junk = {(byte) 0xff, 'a', '\n'};
        assertThat(OutputValidatorProtocol.decode(43, junk, junk).teamMessage()).isEqualTo("\uFFFDa");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
