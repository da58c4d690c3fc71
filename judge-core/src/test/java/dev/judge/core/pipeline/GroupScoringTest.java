package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.GroupResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import dev.judge.core.model.TestGroup.Scoring;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scoring of declared groups: one row per rule, each with the group scores and the total it must give. */
class GroupScoringTest {

    /** One test and what it was judged. */
    record Row(TestCase test, TestResult result) {
    }

    private static Row row(String id, String group, double weight, Verdict v, double score) {
        return new Row(new TestCase(id, new byte[0], new byte[0], weight, group, false),
                new TestResult(id, v, score, Duration.ZERO, Duration.ZERO, ByteSize.ZERO, 0, 0, "", "", ""));
    }

    private static Row ac(String id, String group, double weight) {
        return row(id, group, weight, Verdict.ACCEPTED, weight);
    }

    private static Row wa(String id, String group, double weight) {
        return row(id, group, weight, Verdict.WRONG_ANSWER, 0);
    }

    /** A checker's partial points: a wrong answer that still earns {@code fraction} of the weight. */
    private static Row partial(String id, String group, double weight, double fraction) {
        return row(id, group, weight, Verdict.WRONG_ANSWER, weight * fraction);
    }

    private static Row sk(String id, String group, double weight) {
        return new Row(new TestCase(id, new byte[0], new byte[0], weight, group, false), TestResult.skipped(id));
    }

    private static TestGroup min(String name, double points, String... dependsOn) {
        return new TestGroup(name, points, Scoring.MIN, List.of(dependsOn), false);
    }

    private static TestGroup sum(String name, double points, String... dependsOn) {
        return new TestGroup(name, points, Scoring.SUM, List.of(dependsOn), false);
    }

    private static Arguments scoring(String rule, List<TestGroup> groups, List<Row> rows, double score, double max,
            String groupResults) {
        return Arguments.of(rule, groups, rows, score, max, groupResults);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                scoring("min: every test accepted earns the points",
                        List.of(min("A", 40)), List.of(ac("a1", "A", 1), ac("a2", "A", 1)),
                        40, 40, "A AC 40/40"),
                scoring("min: one wrong answer loses the group",
                        List.of(min("A", 40)), List.of(ac("a1", "A", 1), wa("a2", "A", 1)),
                        0, 40, "A WA 0/40"),
                scoring("min: partial points earn the weakest test's share",
                        List.of(min("A", 40)),
                        List.of(partial("a1", "A", 2, 0.5), partial("a2", "A", 4, 0.25), ac("a3", "A", 1)),
                        10, 40, "A WA 10/40"),
                scoring("sum: the weighted share of the tests' fractions",
                        List.of(sum("B", 60)),
                        List.of(ac("b1", "B", 1), wa("b2", "B", 3), partial("b3", "B", 2, 0.5)),
                        20, 60, "B WA 20/60"),
                scoring("sum: when every weight is 0, the tests count equally",
                        List.of(sum("B", 30)), List.of(ac("b1", "B", 0), wa("b2", "B", 0), ac("b3", "B", 0)),
                        20, 30, "B WA 20/30"),
                scoring("min: a test of weight 0 counts by its verdict",
                        List.of(min("A", 10), min("Z", 10)),
                        List.of(ac("a1", "A", 0), wa("a2", "A", 0), ac("z1", "Z", 0)),
                        10, 20, "A WA 0/10; Z AC 10/10"),
                scoring("sum: a failed test of weight 0 costs no points but leaves the group unsolved",
                        List.of(sum("B", 10), min("C", 5, "B")),
                        List.of(ac("b1", "B", 1), wa("b2", "B", 0), ac("c1", "C", 1)),
                        10, 15, "B WA 10/10; C AC 0/5"),
                scoring("dependencies: a failure at the bottom of a chain zeroes every group above it",
                        List.of(min("A", 10), min("B", 20, "A"), min("C", 30, "B")),
                        List.of(wa("a1", "A", 1), ac("b1", "B", 1), ac("c1", "C", 1)),
                        0, 60, "A WA 0/10; B AC 0/20; C AC 0/30"),
                scoring("dependencies: a partly solved group keeps its share but gates the groups above it",
                        List.of(min("A", 10), min("B", 20, "A"), min("C", 30, "B")),
                        List.of(ac("a1", "A", 1), partial("b1", "B", 1, 0.5), ac("c1", "C", 1)),
                        20, 60, "A AC 10/10; B WA 10/20; C AC 0/30"),
                scoring("dependencies: a diamond counts each side",
                        List.of(min("A", 10), min("B", 10, "A"), min("C", 10, "A"), min("D", 10, "B", "C")),
                        List.of(ac("a1", "A", 1), ac("b1", "B", 1), wa("c1", "C", 1), ac("d1", "D", 1)),
                        20, 40, "A AC 10/10; B AC 10/10; C WA 0/10; D AC 0/10"),
                scoring("dependencies: a sample group worth 0 points still gates the groups on it",
                        List.of(min("samples", 0), min("A", 50, "samples")),
                        List.of(wa("s1", "samples", 1), ac("a1", "A", 1)),
                        0, 50, "samples WA 0/0; A AC 0/50"),
                scoring("dependencies: groups may be listed before the groups they depend on",
                        List.of(min("B", 20, "A"), min("A", 10)),
                        List.of(ac("a1", "A", 1), ac("b1", "B", 1)),
                        30, 30, "B AC 20/20; A AC 10/10"),
                scoring("ungrouped tests add their own scores beside the groups",
                        List.of(min("A", 10)), List.of(ac("a1", "A", 1), partial("free", null, 5, 0.4)),
                        12, 15, "A AC 10/10"),
                scoring("skipped tests earn nothing and are not the group's verdict",
                        List.of(sum("A", 30)), List.of(ac("a1", "A", 1), wa("a2", "A", 1), sk("a3", "A", 1)),
                        10, 30, "A WA 10/30"),
                scoring("a group cut short by another's failure is skipped, not accepted",
                        List.of(min("A", 10), min("B", 10, "A")),
                        List.of(wa("a1", "A", 1), sk("b1", "B", 1), sk("b2", "B", 1)),
                        0, 20, "A WA 0/10; B SK 0/10"),
                scoring("a group without tests earns nothing",
                        List.of(min("A", 10), min("E", 5)), List.of(ac("a1", "A", 1)),
                        10, 15, "A AC 10/10; E SK 0/5"),
                scoring("the group verdict is the first failure in test order",
                        List.of(sum("A", 10)),
                        List.of(ac("a1", "A", 1), row("a2", "A", 1, Verdict.CPU_TIME_LIMIT, 0), wa("a3", "A", 1)),
                        10.0 / 3, 10, "A TLE 3.333/10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void scoresDeclaredGroups(String rule, List<TestGroup> groups, List<Row> rows, double score, double max,
            String groupResults) {
        Aggregation a = Aggregation.of(groups, rows.stream().map(Row::test).toList(),
                rows.stream().map(Row::result).toList());
        assertThat(a.score()).as(rule).isCloseTo(score, within(1e-9));
        assertThat(a.maxScore()).as(rule).isEqualTo(max);
        assertThat(describe(a.groups())).as(rule).isEqualTo(groupResults);
        assertThat(a.groups()).extracting(GroupResult::name).as("in the submission's group order")
                .containsExactlyElementsOf(groups.stream().map(TestGroup::name).toList());
    }

    private static String describe(List<GroupResult> groups) {
        return String.join("; ", groups.stream().map(g -> g.name() + " " + g.verdict().code() + " "
                + number(g.score()) + "/" + number(g.maxScore())).toList());
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(java.util.Locale.ROOT, "%.3f", d);
    }

    @Test
    void theSubmissionsVerdictIsTheFirstFailureWhateverItsGroup() {
        List<Row> rows = Arrays.asList(ac("a1", "A", 1), sk("b1", "B", 1), row("b2", "B", 1,
                Verdict.RuntimeError.signal(11), 0), wa("free", null, 1));
        Aggregation a = Aggregation.of(List.of(min("A", 5), min("B", 5)), rows.stream().map(Row::test).toList(),
                rows.stream().map(Row::result).toList());
        assertThat(a.verdict()).isEqualTo(Verdict.RuntimeError.signal(11));
    }

    @Test
    void withoutDeclaredGroupsSharedGroupNamesStayAllOrNothingAndGiveNoGroupResults() {
        List<Row> rows = List.of(ac("a1", "A", 10), partial("a2", "A", 10, 0.5), ac("b1", "B", 5),
                partial("free", null, 4, 0.25));
        Aggregation a = Aggregation.of(List.of(), rows.stream().map(Row::test).toList(),
                rows.stream().map(Row::result).toList());
        assertThat(a.score()).isEqualTo(6);
        assertThat(a.maxScore()).isEqualTo(29);
        assertThat(a.groups()).isEmpty();
        assertThat(a.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void aSubmissionThatRanNoTestShowsEveryGroupWithItsVerdict() {
        List<TestCase> tests = List.of(ac("a1", "A", 1).test(), ac("free", null, 3).test());
        Aggregation a = Aggregation.notRun(Verdict.COMPILATION_ERROR, List.of(min("A", 7)), tests);
        assertThat(a.verdict()).isEqualTo(Verdict.COMPILATION_ERROR);
        assertThat(a.score()).isZero();
        assertThat(a.maxScore()).isEqualTo(10);
        assertThat(a.groups()).containsExactly(new GroupResult("A", Verdict.COMPILATION_ERROR, 0, 7));
        assertThat(Aggregation.notRun(Verdict.COMPILATION_ERROR, List.of(), tests).maxScore()).isEqualTo(4);
    }
}
