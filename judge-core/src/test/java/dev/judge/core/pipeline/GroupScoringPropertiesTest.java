package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.GroupResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.data.Offset;

/** Properties of group scoring over random problems: groups, dependencies, weights and judged tests. */
class GroupScoringPropertiesTest {

    /** A random problem and how its tests were judged. */
    record Judged(List<TestGroup> groups, List<TestCase> tests, List<TestResult> results) {
        Aggregation aggregate() {
            return Aggregation.of(groups, tests, results);
        }

        Judged withResult(int i, TestResult r) {
            List<TestResult> copy = new ArrayList<>(results);
            copy.set(i, r);
            return new Judged(groups, tests, copy);
        }
    }

    private static final List<Double> WEIGHTS = List.of(0.0, 0.5, 1.0, 2.0, 7.0);

    @Provide
    Arbitrary<Judged> problems() {
        Arbitrary<Integer> groupCount = Arbitraries.integers().between(1, 4);
        return groupCount.flatMap(n -> {
            // A group depends only on earlier ones, so there is never a cycle.
            List<Arbitrary<TestGroup>> groups = new ArrayList<>();
            for (int g = 0; g < n; g++) {
                int index = g;
                groups.add(Combinators.combine(
                        Arbitraries.of(0.0, 10.0, 25.0, 33.3),
                        Arbitraries.of(TestGroup.Scoring.values()),
                        Arbitraries.integers().between(0, (1 << index) - 1).map(mask -> dependencies(mask, index)),
                        Arbitraries.of(true, false))
                        .as((points, scoring, deps, stop) -> new TestGroup("g" + index, points, scoring, deps, stop)));
            }
            Arbitrary<List<TestGroup>> groupList = Combinators.combine(groups).as(List::copyOf);
            Arbitrary<List<Object[]>> rows = Combinators.combine(
                    Arbitraries.integers().between(-1, n - 1),
                    Arbitraries.of(WEIGHTS),
                    Arbitraries.of("AC", "WA", "TLE", "SK", "PARTIAL"),
                    Arbitraries.doubles().between(0, 1))
                    .as((group, weight, verdict, fraction) -> new Object[] {group, weight, verdict, fraction})
                    .list().ofMinSize(0).ofMaxSize(10);
            return Combinators.combine(groupList, rows).as(GroupScoringPropertiesTest::judged);
        });
    }

    private static List<String> dependencies(int mask, int index) {
        List<String> deps = new ArrayList<>();
        for (int d = 0; d < index; d++) {
            if ((mask & (1 << d)) != 0) {
                deps.add("g" + d);
            }
        }
        return deps;
    }

    private static Judged judged(List<TestGroup> groups, List<Object[]> rows) {
        List<TestCase> tests = new ArrayList<>();
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] r = rows.get(i);
            int group = (Integer) r[0];
            double weight = (Double) r[1];
            String id = "t" + i;
            tests.add(new TestCase(id, new byte[0], new byte[0], weight, group < 0 ? null : "g" + group, false));
            results.add(switch ((String) r[2]) {
                case "AC" -> result(id, Verdict.ACCEPTED, weight);
                case "WA" -> result(id, Verdict.WRONG_ANSWER, 0);
                case "TLE" -> result(id, Verdict.CPU_TIME_LIMIT, 0);
                case "SK" -> TestResult.skipped(id);
                default -> result(id, Verdict.WRONG_ANSWER, weight * (Double) r[3]);
            });
        }
        return new Judged(groups, tests, results);
    }

    private static TestResult result(String id, Verdict v, double score) {
        return new TestResult(id, v, score, Duration.ZERO, Duration.ZERO, ByteSize.ZERO, 0, 0, "", "", "");
    }

    @Property
    void everyScoreStaysWithinItsMaximum(@ForAll("problems") Judged p) {
        Aggregation a = p.aggregate();
        assertThat(a.score()).isBetween(0.0, a.maxScore());
        assertThat(a.groups()).hasSameSizeAs(p.groups());
        for (GroupResult g : a.groups()) {
            assertThat(g.score()).isBetween(0.0, g.maxScore());
        }
        assertThat(a.score()).isCloseTo(a.groups().stream().mapToDouble(GroupResult::score).sum()
                + ungroupedScore(p), Offset.offset(1e-9));
    }

    private static double ungroupedScore(Judged p) {
        double s = 0;
        for (int i = 0; i < p.tests().size(); i++) {
            if (p.tests().get(i).group() == null) {
                s += p.results().get(i).score();
            }
        }
        return s;
    }

    @Property
    void aFullyAcceptedSubmissionScoresTheMaximum(@ForAll("problems") Judged p) {
        Judged accepted = p;
        for (int i = 0; i < p.tests().size(); i++) {
            accepted = accepted.withResult(i, result(p.tests().get(i).id(), Verdict.ACCEPTED, p.tests().get(i).weight()));
        }
        Aggregation a = accepted.aggregate();
        assertThat(a.verdict()).isEqualTo(Verdict.ACCEPTED);
        // A group without tests is never solved; the others all are.
        Assume.that(p.groups().stream().allMatch(g -> p.tests().stream().anyMatch(t -> g.name().equals(t.group()))));
        assertThat(a.score()).isCloseTo(a.maxScore(), Offset.offset(1e-9));
        assertThat(a.groups()).allSatisfy(g -> {
            assertThat(g.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(g.score()).isEqualTo(g.maxScore());
        });
    }

    @Property
    void acceptingOneMoreTestNeverLowersTheScore(@ForAll("problems") Judged p) {
        double before = p.aggregate().score();
        for (int i = 0; i < p.tests().size(); i++) {
            TestCase t = p.tests().get(i);
            double after = p.withResult(i, result(t.id(), Verdict.ACCEPTED, t.weight())).aggregate().score();
            assertThat(after).as("accepting " + t.id()).isGreaterThanOrEqualTo(before - 1e-9);
        }
    }

    @Property
    void allOrNothingGroupsWorthTheirWeightsScoreAsUndeclaredGroupNames(@ForAll("problems") Judged p) {
        // Judged accepted or wrong (no partial points, nothing skipped), declared MIN groups without dependencies
        // worth their tests' weights give what the same tests give by group name alone.
        Judged plain = p;
        for (int i = 0; i < p.tests().size(); i++) {
            TestResult r = p.results().get(i);
            TestCase t = p.tests().get(i);
            plain = plain.withResult(i, r.verdict().isAccepted() ? r : result(t.id(), Verdict.WRONG_ANSWER, 0));
        }
        List<TestGroup> declared = new ArrayList<>();
        for (TestGroup g : p.groups()) {
            double weights = p.tests().stream().filter(t -> g.name().equals(t.group())).mapToDouble(TestCase::weight)
                    .sum();
            if (p.tests().stream().anyMatch(t -> g.name().equals(t.group()))) {
                declared.add(TestGroup.of(g.name(), weights));
            }
        }
        Assume.that(!declared.isEmpty());
        Aggregation legacy = Aggregation.of(List.of(), plain.tests(), plain.results());
        Aggregation groups = Aggregation.of(declared, plain.tests(), plain.results());
        assertThat(groups.score()).isCloseTo(legacy.score(), Offset.offset(1e-9));
        assertThat(groups.maxScore()).isCloseTo(legacy.maxScore(), Offset.offset(1e-9));
        assertThat(groups.verdict()).isEqualTo(legacy.verdict());
    }
}
