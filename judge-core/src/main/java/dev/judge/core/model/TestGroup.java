package dev.judge.core.model;

import java.util.List;

/**
 * A scoring group (subtask) of a submission's tests, as olympiads score them. Tests join a group through
 * {@link TestCase#group()}.
 *
 * <p>A group earns {@code points} in the measure its {@link Scoring} gives, and only when every group it
 * depends on earned all of its points; otherwise it earns nothing. With {@code stopOnFirstFailure} the tests
 * of the group still to run once one of them fails are skipped ({@link Verdict#SKIPPED}), not run.
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
