package dev.judge.demo.stats;

import java.time.Instant;

/** An account's best score on a problem, and its earliest submission reaching that score. */
public record LeaderboardEntry(int rank, String username, double score, double maxScore, String submissionId,
        Instant submittedAt) {
}
