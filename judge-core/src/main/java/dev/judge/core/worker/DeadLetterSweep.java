package dev.judge.core.worker;

import dev.judge.core.model.SubmissionResult;
import dev.judge.core.queue.DeadLetter;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.store.ResultStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job whose lease ran out on its last attempt (its workers died every time) is dead-lettered by the queue with no
 * worker holding it; this periodic sweep gives such jobs their IE result. Any node may do it: the store's
 * forward-only writes keep it from touching a result that did finish.
 */
final class DeadLetterSweep implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int SWEEP_SIZE = 100;

    private final JobQueue queue;
    private final ResultStore store;
    private final FailedJobs failed;
    private final String name;

    DeadLetterSweep(JobQueue queue, ResultStore store, FailedJobs failed, String name) {
        this.queue = queue;
        this.store = store;
        this.failed = failed;
        this.name = name;
    }

    @Override
    public void run() {
        try {
            for (DeadLetter dead : queue.deadLetters(SWEEP_SIZE)) {
                Optional<SubmissionResult> stored = store.find(dead.job().id());
                if (stored.isEmpty() || !stored.get().isFinished()) {
                    failed.storeInternalError(dead.job(), dead.attempts(), dead.reason());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: sweeping dead letters failed; trying again later", name, e);
        }
    }
}
