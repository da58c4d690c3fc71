package dev.judge.demo.submission;

import java.time.Instant;
import java.util.List;

/** A submission as {@code GET /api/v1/submissions/{id}} shows it (and the {@code finished} live event). */
public record SubmissionView(String id, long problemId, String languageId, String username, String status,
        String verdict, double score, double maxScore, String compileOutput, List<TestView> tests, String source,
        Instant createdAt, Instant finishedAt) {
}
