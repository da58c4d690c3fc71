package dev.judge.demo.contest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A contest as stored: its window {@code [startsAt, endsAt)}, when the public scoreboard freezes ({@code null}:
 * never) and whether an administrator has unfrozen it, the penalty of a rejected try (ICPC) and its problems in
 * label order.
 */
public record Contest(long id, String title, Scoring scoring, Instant startsAt, Instant endsAt, Instant freezeAt,
        boolean unfrozen, int penaltyMinutes, List<ContestProblem> problems) {

    public Contest {
        problems = List.copyOf(problems);
    }

    /** Whether a submission made at {@code at} counts: inside the window. */
    public boolean counts(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    /**
     * Whether the public scoreboard hides the verdict of a submission made at {@code at}: it was made after the
     * freeze and no administrator has unfrozen the board yet.
     */
    public boolean hides(Instant at) {
        return freezeAt != null && !unfrozen && !at.isBefore(freezeAt);
    }

    /** Whole minutes from the start to {@code at}, as ICPC counts contest time (truncated). */
    public long minute(Instant at) {
        return Duration.between(startsAt, at).toMinutes();
    }

    /** One problem of the contest under its label. */
    public record ContestProblem(String label, long problemId, String title) {
    }
}
