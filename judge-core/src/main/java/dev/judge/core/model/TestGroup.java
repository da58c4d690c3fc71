package dev.judge.core.model;

import java.util.List;

/**
 * A scoring group (subtask) of a submission's tests, as olympiads score them. Tests join a group through
 * {@link TestCase#group()}.
 *
 * <p>A test's <em>fraction</em> is its score over its weight (partial points from a checker count); a test of
 * weight 0 has fraction 1 when accepted, else 0; a skipped test earns nothing. A group is <em>solved</em> when
 * all its tests are accepted and every group it depends on is solved. A group earns {@code points} in the
 * measure its {@link Scoring} gives, and only when every group it depends on is solved (decided by verdicts,
 * so a sample group worth 0 points still gates the groups depending on it); otherwise it earns nothing, as
 * does a group without tests.
 *
 * <p>Once a test of a group fails (runs and is not accepted), the later tests in test order of every group
 * depending on it, directly or not, are skipped ({@link Verdict#SKIPPED}): those groups can earn nothing. With
 * {@code stopOnFirstFailure} the group's own later tests are skipped too, and earn nothing. The results are
 * those of judging the tests one at a time in test order; with several run slots a skipped test may still have
 * run when it started before the failure that skips it was known, but none starts after.
 *
 * @param name               the group's name, which tests refer to
 * @param points             what the group is worth, at least 0
 * @param scoring            how the group's tests make its score
 * @param dependsOn          names of the groups that must be fully solved for this one to count
 * @param stopOnFirstFailure skip the group's remaining tests after its first failure
 */
public record TestGroup(String name, double points, Scoring scoring, List<String> dependsOn,
        boolean stopOnFirstFailure) {

    /** How a group's tests make its score. */
    public enum Scoring {
        /**
         * IOI: the group earns its points in the measure of its weakest test, {@code points × min(fraction)}
         * over its tests (all or nothing when tests are judged accepted or wrong).
         */
        MIN,
        /** The group earns {@code points × Σ(weight × fraction) / Σ weight} over its tests. */
        SUM
    }

    public TestGroup {
        Checks.notBlank(name, "groups.name");
        Checks.check(Double.isFinite(points) && points >= 0, "groups[" + name + "].points",
                "must be a finite number >= 0, was " + points);
        Checks.notNull(scoring, "groups[" + name + "].scoring");
        dependsOn = List.copyOf(Checks.notNull(dependsOn, "groups[" + name + "].dependsOn"));
        Checks.check(!dependsOn.contains(name), "groups[" + name + "].dependsOn", "a group cannot depend on itself");
    }

    /** An all-or-nothing group ({@link Scoring#MIN}) without dependencies that runs all its tests. */
    public static TestGroup of(String name, double points) {
        return new TestGroup(name, points, Scoring.MIN, List.of(), false);
    }

    public TestGroup withScoring(Scoring s) {
        return new TestGroup(name, points, s, dependsOn, stopOnFirstFailure);
    }

    public TestGroup dependingOn(String... groups) {
        return new TestGroup(name, points, scoring, List.of(groups), stopOnFirstFailure);
    }

    public TestGroup stoppingOnFirstFailure() {
        return new TestGroup(name, points, scoring, dependsOn, true);
    }
}
