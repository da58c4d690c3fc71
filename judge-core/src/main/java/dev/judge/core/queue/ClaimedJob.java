package dev.judge.core.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A job leased to one worker until {@code leaseExpiresAt}. If it is neither acknowledged nor released by then,
 * the queue hands it out again.
 *
 * @param job            the job
 * @param leaseId        identifies this lease; a stale lease cannot ack or release the job
 * @param attempt        1 for the first delivery, 2 for the first redelivery, ...
 * @param leaseExpiresAt when the lease ends unless extended
 */
public record ClaimedJob(JudgeJob job, String leaseId, int attempt, Instant leaseExpiresAt) {
    public ClaimedJob {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
    }
}
