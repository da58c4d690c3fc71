package dev.judge.demo.contest;

import dev.judge.demo.results.GroupDocument;
import java.time.Instant;
import java.util.List;

/**
 * One submission of an account to a contest problem, as a scoreboard needs it. {@code verdict} is the code (AC,
 * WA, CE, ...) or {@code null} while the submission is not judged yet; {@code groups} are the scoring groups'
 * results (empty without groups).
 */
record Attempt(String id, long userId, String label, Instant at, String verdict, double score, double maxScore,
        List<GroupDocument> groups) {

    Attempt {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    boolean judged() {
        return verdict != null;
    }
}
