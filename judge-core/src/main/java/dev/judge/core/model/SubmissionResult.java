package dev.judge.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything known about a submission at one moment: its status, compiler output, the results of the tests
 * run so far, and once {@link Status#FINISHED}, the verdict and score.
 *
 * @param submissionId  the submission's id
 * @param status        where it is
 * @param compileOutput the compiler's (capped) output, or empty
 * @param tests         results of the tests finished so far, in test order
 * @param verdict       the submission's verdict once finished, else {@code null}
 * @param score         points earned
 * @param maxScore      points available
 * @param updatedAt     when this state was reached
 * @param groups        each scoring group's result once finished, in the submission's group order; empty
 *                      before that and for a submission without groups
 * @param phases        where the time went, once finished ({@link PhaseTimes#NONE} before that, and from stores
 *                      or judges that did not measure it)
 */
public record SubmissionResult(
        String submissionId,
        Status status,
        String compileOutput,
        List<TestResult> tests,
        Verdict verdict,
        double score,
        double maxScore,
        Instant updatedAt,
        List<GroupResult> groups,
        PhaseTimes phases) {

    public SubmissionResult {
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
        compileOutput = compileOutput == null ? "" : compileOutput;
        tests = List.copyOf(tests);
        groups = groups == null ? List.of() : List.copyOf(groups);
        phases = phases == null ? PhaseTimes.NONE : phases;
        if (status.isFinal() && verdict == null) {
            throw new IllegalArgumentException("a finished result needs a verdict");
        }
    }

    /** A state without phase times: any state before the finished one, or one from a store that kept none. */
    public SubmissionResult(String submissionId, Status status, String compileOutput, List<TestResult> tests,
            Verdict verdict, double score, double maxScore, Instant updatedAt, List<GroupResult> groups) {
        this(submissionId, status, compileOutput, tests, verdict, score, maxScore, updatedAt, groups,
                PhaseTimes.NONE);
    }

    /** A state without group results: any state of a submission without scoring groups. */
    public SubmissionResult(String submissionId, Status status, String compileOutput, List<TestResult> tests,
            Verdict verdict, double score, double maxScore, Instant updatedAt) {
        this(submissionId, status, compileOutput, tests, verdict, score, maxScore, updatedAt, List.of());
    }

    /** The state of a submission just accepted. */
    public static SubmissionResult queued(String submissionId, Instant at) {
        return new SubmissionResult(submissionId, Status.QUEUED, "", List.of(), null, 0, 0, at);
    }

    /** This state with {@code phases} as its phase times. */
    public SubmissionResult withPhases(PhaseTimes phases) {
        return new SubmissionResult(submissionId, status, compileOutput, tests, verdict, score, maxScore, updatedAt,
                groups, phases);
    }

    public boolean isFinished() {
        return status.isFinal();
    }
}
