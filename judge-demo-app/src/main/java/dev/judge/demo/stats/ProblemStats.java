package dev.judge.demo.stats;

import java.util.Map;

/**
 * Judged submissions of a problem: counts by verdict and by language, how many accounts tried and solved it,
 * and the share of submissions accepted (0 when none is judged yet).
 */
public record ProblemStats(long problemId, long submissions, long judged, long accepted, double acceptanceRate,
        long users, long solvedBy, Map<String, Long> byVerdict, Map<String, Long> byLanguage) {
}
