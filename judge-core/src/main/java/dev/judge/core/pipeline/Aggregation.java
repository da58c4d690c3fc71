package dev.judge.core.pipeline;

import dev.judge.core.model.GroupResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The submission's verdict, score and group results from its tests' results.
 *
 * <p>Verdict: the first verdict in test order that is neither accepted nor skipped; accepted when there is none.
 *
 * <p>Without declared groups ({@code groups} empty): a test without a group adds its own score (its weight when
 * accepted, a share of it for partial points). Tests sharing a group name form an all-or-nothing group worth the
 * sum of their weights: it adds that sum only when every one of its tests is accepted, else 0. There are no
 * group results.
 *
 * <p>With declared groups, as IOI-style olympiads score subtasks (CMS's GroupMin, Polygon's groups, DMOJ's
 * batches):
 * <ul>
 *   <li>A test's <em>fraction</em> is its score divided by its weight, within [0, 1]: partial points from a
 *       checker feed in. A test of weight 0 has no share to divide, so its fraction is 1 when it is accepted and 0
 *       otherwise. A skipped test earns nothing.</li>
 *   <li>A group's <em>ratio</em>: {@link TestGroup.Scoring#MIN} takes its tests' smallest fraction;
 *       {@link TestGroup.Scoring#SUM} takes {@code Σ(weight × fraction) / Σ weight}, every weight counting 1
 *       when all of the group's weights are 0.</li>
 *   <li>A group is <em>solved</em> when every one of its tests is accepted and every group it depends on is
 *       solved (so, transitively, every group below it). A group without tests is not solved.</li>
 *   <li>A group earns {@code points × ratio} when every group it depends on is solved, else 0; a group without
 *       tests earns 0. Solving is decided by verdicts, not points: a sample group worth 0 points still gates
 *       the groups that depend on it.</li>
 *   <li>A test without a group adds its own score, as above.</li>
 *   <li>Score: the groups' scores plus the ungrouped tests' scores. Maximum: the groups' points plus the
 *       ungrouped tests' weights.</li>
 *   <li>A group's verdict: the first verdict of its tests that is neither accepted nor skipped; else skipped
 *       when one of its tests was skipped or it has none (it was not judged in full); else accepted.</li>
 * </ul>
 */
record Aggregation(Verdict verdict, double score, double maxScore, List<GroupResult> groups) {

    Aggregation {
        groups = List.copyOf(groups);
    }

    /** Aggregates tests without declared groups. */
    static Aggregation of(List<TestCase> tests, List<TestResult> results) {
        return of(List.of(), tests, results);
    }

    static Aggregation of(List<TestGroup> groups, List<TestCase> tests, List<TestResult> results) {
        if (tests.size() != results.size()) {
            throw new IllegalArgumentException("need one result per test: " + tests.size() + " tests, "
                    + results.size() + " results");
        }
        Verdict verdict = null;
        for (TestResult r : results) {
            if (failed(r.verdict())) {
                verdict = r.verdict();
                break;
            }
        }
        verdict = verdict == null ? Verdict.ACCEPTED : verdict;
        return groups.isEmpty() ? legacy(verdict, tests, results) : declared(verdict, groups, tests, results);
    }

    /**
     * What a submission that ran no test (it did not compile, or the judge could not prepare it) shows: every
     * group with that verdict and nothing earned.
     */
    static Aggregation notRun(Verdict verdict, List<TestGroup> groups, List<TestCase> tests) {
        List<GroupResult> results = groups.stream()
                .map(g -> new GroupResult(g.name(), verdict, 0, g.points())).toList();
        return new Aggregation(verdict, 0, maxScore(groups, tests), results);
    }

    /** The points a submission can earn: declared groups' points and ungrouped weights, else all weights. */
    static double maxScore(List<TestGroup> groups, List<TestCase> tests) {
        double max = 0;
        for (TestCase t : tests) {
            if (groups.isEmpty() || t.group() == null) {
                max += t.weight();
            }
        }
        for (TestGroup g : groups) {
            max += g.points();
        }
        return max;
    }

    private static boolean failed(Verdict v) {
        return !v.isAccepted() && !(v instanceof Verdict.Skipped);
    }

    private static Aggregation legacy(Verdict verdict, List<TestCase> tests, List<TestResult> results) {
        double score = 0;
        double max = 0;
        Map<String, double[]> groups = new LinkedHashMap<>(); // group -> {weight sum, all accepted (1/0)}
        for (int i = 0; i < tests.size(); i++) {
            TestCase t = tests.get(i);
            TestResult r = results.get(i);
            max += t.weight();
            if (t.group() == null) {
                score += r.score();
            } else {
                double[] g = groups.computeIfAbsent(t.group(), k -> new double[] {0, 1});
                g[0] += t.weight();
                if (!r.verdict().isAccepted()) {
                    g[1] = 0;
                }
            }
        }
        for (double[] g : groups.values()) {
            score += g[1] == 1 ? g[0] : 0;
        }
        return new Aggregation(verdict, Math.min(score, max), max, List.of());
    }

    private static Aggregation declared(Verdict verdict, List<TestGroup> groups, List<TestCase> tests,
            List<TestResult> results) {
        Map<String, List<Integer>> members = new HashMap<>();
        groups.forEach(g -> members.put(g.name(), new ArrayList<>()));
        double ungrouped = 0;
        for (int i = 0; i < tests.size(); i++) {
            String g = tests.get(i).group();
            if (g == null) {
                ungrouped += results.get(i).score();
            } else {
                members.get(g).add(i);
            }
        }
        Map<String, TestGroup> byName = new HashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        Map<String, Boolean> solved = new HashMap<>();
        double score = ungrouped;
        List<GroupResult> out = new ArrayList<>(groups.size());
        for (TestGroup g : groups) {
            List<Integer> own = members.get(g.name());
            boolean counts = !own.isEmpty()
                    && g.dependsOn().stream().allMatch(d -> solved(d, byName, members, results, solved));
            double earned = counts ? Math.min(g.points(), g.points() * ratio(g, own, tests, results)) : 0;
            score += earned;
            out.add(new GroupResult(g.name(), groupVerdict(own, results), earned, g.points()));
        }
        double max = maxScore(groups, tests);
        return new Aggregation(verdict, Math.min(score, max), max, out);
    }

    private static boolean solved(String group, Map<String, TestGroup> byName, Map<String, List<Integer>> members,
            List<TestResult> results, Map<String, Boolean> memo) {
        Boolean known = memo.get(group);
        if (known != null) {
            return known;
        }
        List<Integer> own = members.get(group);
        // Submission rejects dependency cycles, so this recursion ends.
        boolean s = !own.isEmpty() && own.stream().allMatch(i -> results.get(i).verdict().isAccepted())
                && byName.get(group).dependsOn().stream().allMatch(d -> solved(d, byName, members, results, memo));
        memo.put(group, s);
        return s;
    }

    private static double ratio(TestGroup g, List<Integer> own, List<TestCase> tests, List<TestResult> results) {
        if (g.scoring() == TestGroup.Scoring.MIN) {
            double min = 1;
            for (int i : own) {
                min = Math.min(min, fraction(tests.get(i), results.get(i)));
            }
            return min;
        }
        boolean unweighted = own.stream().allMatch(i -> tests.get(i).weight() == 0);
        double earned = 0;
        double total = 0;
        for (int i : own) {
            double w = unweighted ? 1 : tests.get(i).weight();
            earned += w * fraction(tests.get(i), results.get(i));
            total += w;
        }
        return Math.min(1, earned / total);
    }

    private static double fraction(TestCase t, TestResult r) {
        if (r.verdict() instanceof Verdict.Skipped) {
            return 0;
        }
        if (t.weight() == 0) {
            return r.verdict().isAccepted() ? 1 : 0;
        }
        return Math.max(0, Math.min(1, r.score() / t.weight()));
    }

    private static Verdict groupVerdict(List<Integer> own, List<TestResult> results) {
        boolean skipped = own.isEmpty();
        for (int i : own) {
            Verdict v = results.get(i).verdict();
            if (failed(v)) {
                return v;
            }
            skipped |= v instanceof Verdict.Skipped;
        }
        return skipped ? Verdict.SKIPPED : Verdict.ACCEPTED;
    }
}
