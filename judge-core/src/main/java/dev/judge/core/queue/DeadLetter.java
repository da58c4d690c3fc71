package dev.judge.core.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A job given up on after too many attempts.
 *
 * @param job      the job
 * @param attempts how many times it was delivered
 * @param reason   the last failure reason
 * @param deadAt   when it was given up on
 */
public record DeadLetter(JudgeJob job, int attempts, String reason, Instant deadAt) {
    public DeadLetter {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(deadAt, "deadAt");
        reason = reason == null ? "" : reason;
    }
}
