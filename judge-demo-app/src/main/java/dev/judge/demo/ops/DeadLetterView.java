package dev.judge.demo.ops;

import java.time.Instant;

/**
 * A job the queue gave up on (its workers failed it every attempt), with the submission it judged: {@code api}
 * NATIVE or JUDGE0, and for native ones the account and problem ({@code null} when the ledger has no row).
 */
public record DeadLetterView(String jobId, String languageId, String priority, int attempts, String reason,
        Instant deadAt, String api, String username, Long problemId) {
}
