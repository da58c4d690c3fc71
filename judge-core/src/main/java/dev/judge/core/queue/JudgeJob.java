package dev.judge.core.queue;

import dev.judge.core.model.Priority;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TraceContext;
import java.time.Instant;
import java.util.Objects;

/**
 * A submission waiting to be judged.
 *
 * @param id         the submission id; a queue holds at most one live job per id
 * @param submission what to judge
 * @param priority   the lane
 * @param enqueuedAt when it was accepted
 * @param trace      the trace it was submitted in, continued by the worker that judges it
 */
public record JudgeJob(String id, Submission submission, Priority priority, Instant enqueuedAt, TraceContext trace) {
    public JudgeJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        Objects.requireNonNull(trace, "trace");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
    }

    /** A job submitted outside any trace. */
    public JudgeJob(String id, Submission submission, Priority priority, Instant enqueuedAt) {
        this(id, submission, priority, enqueuedAt, TraceContext.NONE);
    }

    /** The language the job needs; workers that serve only some languages claim only matching jobs. */
    public String languageId() {
        return submission.languageId();
    }
}
