package dev.judge.core.model;

import java.util.Objects;

/**
 * The result of one scoring group.
 *
 * @param name     the group's name
 * @param verdict  the first verdict of its tests that is neither accepted nor skipped; else skipped when some of
 *                 its tests were skipped or it has none; else accepted. For a submission that ran no test
 *                 (compilation error), the submission's verdict
 * @param score    points earned, between 0 and {@code maxScore}; 0 when a group it depends on is not fully solved
 * @param maxScore the group's points
 */
public record GroupResult(String name, Verdict verdict, double score, double maxScore) {
    public GroupResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
    }
}
