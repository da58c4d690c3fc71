package dev.judge.core.model;

/** Progress of one submission, in the order it happens. Used for live updates. */
public sealed interface JudgeEvent {

    String submissionId();

    /** The submission moved to a new status. */
    record StatusChanged(String submissionId, Status status) implements JudgeEvent {
    }

    /** Compilation ended; {@code output} is the compiler's capped output. */
    record Compiled(String submissionId, boolean success, String output) implements JudgeEvent {
    }

    /** One test finished. {@code index} counts from 0 in test order; {@code total} is the number of tests. */
    record TestFinished(String submissionId, TestResult result, int index, int total) implements JudgeEvent {
    }

    /** Judging ended with this result. */
    record Finished(String submissionId, SubmissionResult result) implements JudgeEvent {
    }
}
