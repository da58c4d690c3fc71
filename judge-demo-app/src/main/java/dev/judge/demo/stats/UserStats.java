package dev.judge.demo.stats;

import java.util.List;
import java.util.Map;

/**
 * An account's record: its submissions (judged, accepted), the problems it tried and solved, and per language the
 * submissions, accepted ones and problems solved with it; {@code solvedProblems} lists the ids solved.
 */
public record UserStats(String username, long submissions, long judged, long accepted, long attempted, long solved,
        Map<String, Long> byVerdict, Map<String, Language> byLanguage, List<Long> solvedProblems) {

    /** One language's share of the account's submissions. */
    public record Language(long submissions, long accepted, long solved) {
    }
}
