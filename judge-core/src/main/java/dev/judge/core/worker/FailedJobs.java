package dev.judge.core.worker;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.store.ResultStore;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the jobs a worker could not finish, and writes the {@code IE} result of a job that will not be tried
 * again, so its submitter is not left waiting.
 */
final class FailedJobs {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final JobQueue queue;
    private final ResultStore store;
    private final String name;

    FailedJobs(JobQueue queue, ResultStore store, String name) {
        this.queue = queue;
        this.store = store;
        this.name = name;
    }

    // Releases the job; when that was its last attempt, stores an IE result in its place.
    void giveBack(ClaimedJob claimed, String reason) {
        boolean released;
        try {
            released = queue.release(claimed, reason);
        } catch (RuntimeException e) {
            LOG.warn("{}: releasing job {} failed; it returns when its lease ends", name, claimed.job().id(), e);
            return;
        }
        if (!released || claimed.attempt() < queue.policy().maxAttempts()) {
            return;
        }
        // Dead-lettered: the submitter would wait for ever without a final result.
        storeInternalError(claimed.job(), claimed.attempt(), reason);
    }

    void storeInternalError(JudgeJob job, int attempts, String reason) {
        double maxScore = job.submission().tests().stream().mapToDouble(TestCase::weight).sum();
        SubmissionResult ie = new SubmissionResult(job.id(), Status.FINISHED, "", List.of(),
                new Verdict.InternalError("judging failed " + attempts + " times: " + reason),
                0, maxScore, Instant.now());
        try {
            store.save(ie);
        } catch (RuntimeException e) {
            LOG.error("{}: job {} is dead but its IE result could not be stored", name, job.id(), e);
        }
    }
}
