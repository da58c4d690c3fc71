package dev.judge.demo.plagiarism;

import java.time.Instant;
import java.util.List;

/**
 * A plagiarism report: RUNNING while the background comparison works, then DONE with the compared submissions'
 * count and the similar pairs, most similar first (or FAILED with a message).
 */
public record PlagiarismReport(long id, String scope, String status, Integer documents, List<SimilarPair> pairs,
        String message, Instant createdAt, Instant finishedAt) {

    public PlagiarismReport {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }
}
