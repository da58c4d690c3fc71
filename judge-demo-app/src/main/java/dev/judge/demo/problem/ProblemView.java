package dev.judge.demo.problem;

import java.time.Instant;

/** A problem as the API shows it; checker sources only to administrators. */
public record ProblemView(long id, String title, String statement, LimitsDto limits, ComparatorDto comparator,
        int testCount, int publicTestCount, Instant createdAt, Instant updatedAt) {
}
