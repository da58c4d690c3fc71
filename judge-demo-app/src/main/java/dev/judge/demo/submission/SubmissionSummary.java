package dev.judge.demo.submission;

import dev.judge.demo.results.ResultDocument;
import java.time.Instant;

/** A submission in a listing: no source, no per-test results. */
public record SubmissionSummary(String id, long problemId, String languageId, String username, String status,
        String verdict, Double score, Double maxScore, Instant createdAt, Instant finishedAt) {

    static SubmissionSummary of(SubmissionRow r) {
        ResultDocument d = r.result();
        return new SubmissionSummary(r.id(), r.problemId(), r.languageId(), r.username(),
                d == null ? r.status() : d.status(), d == null ? null : d.verdict(), d == null ? null : d.score(),
                d == null ? null : d.maxScore(), r.createdAt(), r.finishedAt());
    }
}
