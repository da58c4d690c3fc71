package dev.judge.demo.problem;

import java.time.Instant;

/** A problem in a listing. */
public record ProblemSummary(long id, String title, LimitsDto limits, String comparator, Instant updatedAt) {
}
