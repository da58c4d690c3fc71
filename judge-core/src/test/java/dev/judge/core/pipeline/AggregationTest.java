package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationTest {

    private static TestResult res(String id, Verdict v, double score) {
        return new TestResult(id, v, score, Duration.ZERO, Duration.ZERO, ByteSize.ZERO, 0, 0, "", "", "");
    }

    @Test
    void allAcceptedScoresTheWeights() {
        List<TestCase> tests = List.of(TestCase.of("1", "", "").withWeight(2), TestCase.of("2", "", "").withWeight(3));
        Aggregation a = Aggregation.of(tests, List.of(res("1", Verdict.ACCEPTED, 2), res("2", Verdict.ACCEPTED, 3)));
        assertThat(a.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(a.score()).isEqualTo(5);
        assertThat(a.maxScore()).isEqualTo(5);
    }

    @Test
    void theVerdictIsTheFirstFailureInTestOrderAndPartialPointsCount() {
        List<TestCase> tests = List.of(TestCase.of("1", "", ""), TestCase.of("2", "", ""), TestCase.of("3", "", ""),
                TestCase.of("4", "", ""));
        Aggregation a = Aggregation.of(tests, List.of(res("1", Verdict.ACCEPTED, 1), res("2", Verdict.CPU_TIME_LIMIT, 0),
                res("3", Verdict.WRONG_ANSWER, 0.25), res("4", Verdict.ACCEPTED, 1)));
        assertThat(a.verdict()).isEqualTo(Verdict.CPU_TIME_LIMIT);
        assertThat(a.score()).isEqualTo(2.25);
        assertThat(a.maxScore()).isEqualTo(4);
    }

    @Test
    void aGroupScoresOnlyWhenAllItsTestsPass() {
        List<TestCase> tests = List.of(
                TestCase.of("a1", "", "").inGroup("A").withWeight(10), TestCase.of("a2", "", "").inGroup("A").withWeight(10),
                TestCase.of("b1", "", "").inGroup("B").withWeight(15), TestCase.of("b2", "", "").inGroup("B").withWeight(15),
                TestCase.of("free", "", "").withWeight(5));
        Aggregation a = Aggregation.of(tests, List.of(
                res("a1", Verdict.ACCEPTED, 10), res("a2", Verdict.ACCEPTED, 10),
                res("b1", Verdict.ACCEPTED, 15), res("b2", Verdict.WRONG_ANSWER, 7.5),
                res("free", Verdict.ACCEPTED, 5)));
        assertThat(a.score()).as("group A and the free test; B lost as a whole").isEqualTo(25);
        assertThat(a.maxScore()).isEqualTo(55);
        assertThat(a.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void skippedTestsAreNotTheVerdict() {
        List<TestCase> tests = List.of(TestCase.of("1", "", ""), TestCase.of("2", "", ""), TestCase.of("3", "", ""));
        Aggregation a = Aggregation.of(tests, List.of(res("1", new Verdict.RuntimeError(1, 0), 0),
                TestResult.skipped("2"), TestResult.skipped("3")));
        assertThat(a.verdict()).isEqualTo(Verdict.RuntimeError.exit(1));
        assertThat(a.score()).isZero();
        assertThat(a.maxScore()).isEqualTo(3);
    }

    @Test
    void noTestsIsAcceptedWithNothingToScore() {
        Aggregation a = Aggregation.of(List.of(), List.of());
        assertThat(a.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(a.maxScore()).isZero();
    }
}
