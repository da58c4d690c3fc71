package dev.judge.demo.results;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import java.time.Duration;

/**
 * Picks, out of the judge's stream of live snapshots (one per finished test), the few that move a submission to a
 * new state (QUEUED to COMPILING to RUNNING), so a table's {@code status} column is written once per step and not
 * once per test. Remembers at most 10,000 submissions of this node, each for an hour after its last snapshot; one
 * it forgot costs a repeated, harmless forward-only update.
 */
public final class StatusSteps {
    private final Cache<String, Status> recorded = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    /** The new state {@code result} reached, when it is a live one not recorded yet; else null. */
    public Status step(SubmissionResult result) {
        String id = result.submissionId();
        if (result.isFinished()) {
            recorded.invalidate(id);
            return null;
        }
        Status status = result.status();
        if (status == Status.QUEUED) {
            return null;
        }
        Status before = recorded.asMap().get(id);
        if (before != null && before.compareTo(status) >= 0) {
            return null;
        }
        recorded.put(id, status);
        return status;
    }

    /** The states a row may move to {@code status} from (forward only). */
    public static String earlier(Status status) {
        return status == Status.RUNNING ? "'QUEUED', 'COMPILING'" : "'QUEUED'";
    }
}
