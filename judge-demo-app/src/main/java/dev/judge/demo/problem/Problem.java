package dev.judge.demo.problem;

import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Limits;
import java.time.Instant;

/** A stored problem; its limits and comparator are the judge's own types, ready for a submission. */
public record Problem(long id, String title, String statement, Limits limits, ComparatorSpec comparator,
        Instant createdAt, Instant updatedAt) {
}
