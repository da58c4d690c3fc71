package dev.judge.demo.rejudge;

import java.time.Instant;
import java.util.List;

/**
 * A rejudge and its runs: per submission the verdict and score before and after ({@code changed} null while the
 * run is not finished). {@code notQueued} lists the submissions that could not be judged again, with why; it is
 * given only in the answer that started the rejudge.
 */
public record RejudgeView(long id, String scope, Instant createdAt, int runs, int finished, int changed,
        List<Item> items, List<NotQueued> notQueued) {

    public RejudgeView {
        items = List.copyOf(items);
        notQueued = List.copyOf(notQueued);
    }

    RejudgeView withNotQueued(List<NotQueued> refused) {
        return new RejudgeView(id, scope, createdAt, runs, finished, changed, items, refused);
    }

    /** One submission judged again. */
    public record Item(String submissionId, String username, long problemId, String oldVerdict, Double oldScore,
            String newVerdict, Double newScore, Boolean changed) {
    }

    /** A submission not judged again, and why. */
    public record NotQueued(String submissionId, String reason) {
    }
}
