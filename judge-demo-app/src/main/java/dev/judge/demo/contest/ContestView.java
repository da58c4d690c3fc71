package dev.judge.demo.contest;

import java.time.Instant;
import java.util.List;

/** A contest as the API shows it, with how many accounts are registered and whether the caller is. */
public record ContestView(long id, String title, Scoring scoring, Instant startsAt, Instant endsAt, Instant freezeAt,
        boolean unfrozen, int penaltyMinutes, List<Contest.ContestProblem> problems, long accounts,
        boolean registered) {

    static ContestView of(Contest c, long accounts, boolean registered) {
        return new ContestView(c.id(), c.title(), c.scoring(), c.startsAt(), c.endsAt(), c.freezeAt(), c.unfrozen(),
                c.penaltyMinutes(), c.problems(), accounts, registered);
    }
}
