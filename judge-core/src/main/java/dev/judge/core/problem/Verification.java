package dev.judge.core.problem;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A package verified: its example submissions judged against what their authors expect, and the time limit derived
 * from the accepted ones when the package gives none.
 *
 * @param timeLimit       the time limit the package gives or the one derived; {@code null} when the package gives
 *                        none and no accepted submission ran, so nothing could be derived
 * @param derived         whether {@code timeLimit} was derived from the accepted submissions
 * @param slowestAccepted the slowest accepted run the limit was derived from, or {@code null}
 * @param highLimit       the derived high limit (problemtools' safety margin), or {@code null}
 * @param submissions     each example submission's check, in package order
 * @param notes           how the time limit was derived and what was not verified, for the import report
 */
public record Verification(Duration timeLimit, boolean derived, Duration slowestAccepted, Duration highLimit,
        List<SubmissionCheck> submissions, List<ImportReport.Entry> notes) {

    public Verification {
        submissions = List.copyOf(submissions);
        notes = List.copyOf(notes);
        Objects.requireNonNull(notes, "notes");
    }

    /**
     * Whether an example submission expected to be accepted failed: the package is then flagged (its tests, checker
     * or limits are not what its authors meant).
     */
    public boolean acceptedFailed() {
        return submissions.stream().anyMatch(s -> s.expectsAccepted() && s.outcome() == SubmissionCheck.Outcome.FAILED);
    }

    /** Whether any example submission failed its expectation. */
    public boolean anyFailed() {
        return submissions.stream().anyMatch(s -> s.outcome() == SubmissionCheck.Outcome.FAILED);
    }
}
