package dev.judge.core.pipeline;

import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The submission's verdict and score from its tests' results.
 *
 * <p>Score: a test without a group adds its own score (its weight when accepted, a share of it for partial
 * points). A group adds the sum of its tests' weights only when every test of the group is accepted, else 0.
 * The verdict is the first non-accepted verdict in test order, skipped tests aside; accepted when there is none.
 */
record Aggregation(Verdict verdict, double score, double maxScore) {

    static Aggregation of(List<TestCase> tests, List<TestResult> results) {
        if (tests.size() != results.size()) {
            throw new IllegalArgumentException("need one result per test: " + tests.size() + " tests, "
                    + results.size() + " results");
        }
        double score = 0;
        double max = 0;
        Map<String, double[]> groups = new LinkedHashMap<>(); // group -> {weight sum, all accepted (1/0)}
        Verdict verdict = null;
        for (int i = 0; i < tests.size(); i++) {
            TestCase t = tests.get(i);
            TestResult r = results.get(i);
            max += t.weight();
            if (verdict == null && !r.verdict().isAccepted() && !(r.verdict() instanceof Verdict.Skipped)) {
                verdict = r.verdict();
            }
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
        return new Aggregation(verdict == null ? Verdict.ACCEPTED : verdict, Math.min(score, max), max);
    }
}
