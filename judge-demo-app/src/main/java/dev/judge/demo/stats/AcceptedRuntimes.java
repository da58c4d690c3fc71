package dev.judge.demo.stats;

import java.util.List;

/**
 * The run times of a problem's accepted submissions (the slowest test's CPU time of each, in milliseconds, at most
 * the latest {@link ProblemStatsRepository#RUNTIME_SAMPLE}), sorted, and those of the caller's own among them.
 */
public record AcceptedRuntimes(long problemId, List<Long> millis, List<Long> mine) {

    public AcceptedRuntimes {
        millis = List.copyOf(millis);
        mine = List.copyOf(mine);
    }
}
