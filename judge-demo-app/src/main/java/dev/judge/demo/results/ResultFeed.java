package dev.judge.demo.results;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.Verdict;
import dev.judge.autoconfigure.JudgeProperties;
import dev.judge.core.store.ResultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one subscription of this node to the judge's result store. Every change (from any node sharing the store)
 * is handed, in arrival order, on one thread of its own, to the {@link Recorder} and then to the {@link
 * LiveResults} (so a watcher told of a final result finds it in the table), and the store's writer is never held
 * up by database writes or slow clients.
 *
 * <p>At start it also settles submissions accepted before a restart: a final result the store still holds is
 * recorded; one the store no longer knows (an in-memory store, or an expired result) is finished as IE.
 *
 * <p>When the judge's queue is not in the ledger's database (in memory, Redis) a worker can take a job before the
 * accepting transaction committed its row, and report on it while the {@link Recorder} finds no row to write:
 * the feed then remembers which submissions workers reported on, and {@link #replay} hands their current state on
 * again after the accept's commit. With the JDBC queue the job becomes visible together with its row, in one
 * commit, so no report can precede the row and the feed neither remembers nor replays anything.
 */
@Component
public class ResultFeed implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ResultFeed.class);
    /** How long a worker's report on a submission is remembered for {@link #replay}: far longer than a commit. */
    private static final Duration REPORT_MEMORY = Duration.ofMinutes(5);
    private final ResultStore store;
    private final Recorder recorder;
    private final LiveResults live;
    private volatile ExecutorService executor;
    private volatile ResultStore.Subscription subscription;
    /** Submissions a worker has reported on (any state past QUEUED) lately: the only ones a replay can change. */
    private final Cache<String, Boolean> reported;

    /** Replays accepts unless the judge's queue commits its jobs with the ledger's rows (the JDBC queue). */
    @Autowired
    public ResultFeed(ResultStore store, Recorder recorder, LiveResults live, JudgeProperties judge) {
        this(store, recorder, live, judge.queue().type() != JudgeProperties.Backend.JDBC);
    }

    /** {@code replays}: whether a worker can report on a submission before its accept committed (see above). */
    public ResultFeed(ResultStore store, Recorder recorder, LiveResults live, boolean replays) {
        this.store = store;
        this.recorder = recorder;
        this.live = live;
        this.reported = replays ? Caffeine.newBuilder().expireAfterWrite(REPORT_MEMORY).build() : null;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "result-feed");
            t.setDaemon(true);
            return t;
        });
        subscription = store.subscribe(this::offer);
        for (String id : recorder.unfinished()) {
            Optional<SubmissionResult> stored = store.find(id);
            if (stored.isEmpty()) {
                offer(new SubmissionResult(id, Status.FINISHED, "", List.of(),
                        new Verdict.InternalError("the judge's result store no longer knows this submission"
                                + " (lost in a restart or expired)"), 0, 0, Instant.now()));
            } else if (stored.get().isFinished()) {
                offer(stored.get());
            }
        }
    }

    /**
     * Hands the store's current state of {@code id} to the recorder again when a worker has reported on it, which
     * closes the accept/finish race: a report that arrived before the accepting transaction committed found no row
     * to update. A submission nobody has reported on yet needs nothing (its reports will find the row), so the
     * usual accept costs no read. The read runs on the feed's thread, after every change already offered, so the
     * accepting request does not wait for it. Does nothing when the jobs commit with the rows.
     */
    public void replay(String id) {
        ExecutorService e = executor;
        if (e == null || reported == null || reported.getIfPresent(id) == null) {
            return;
        }
        try {
            e.execute(() -> {
                Optional<SubmissionResult> current;
                try {
                    current = store.find(id);
                } catch (RuntimeException ex) {
                    log.warn("cannot read submission {} to replay it: {}", id, ex.toString());
                    return;
                }
                current.ifPresent(this::dispatch);
            });
        } catch (RejectedExecutionException stopped) {
            log.debug("replay of {} asked after shutdown", id);
        }
    }

    private void offer(SubmissionResult result) {
        ExecutorService e = executor;
        if (e == null) {
            return;
        }
        if (reported != null && result.status() != Status.QUEUED) {
            reported.put(result.submissionId(), Boolean.TRUE); // before it is handled, so a replay after sees it
        }
        try {
            e.execute(() -> dispatch(result));
        } catch (RejectedExecutionException stopped) {
            log.debug("result of {} arrived after shutdown", result.submissionId());
        }
    }

    private void dispatch(SubmissionResult result) {
        try {
            recorder.record(result);
        } catch (RuntimeException ex) {
            log.warn("cannot record submission {}", result.submissionId(), ex);
        }
        live.publish(result);
    }

    @Override
    public synchronized void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Starts before the judge's worker (which starts late) and stops after it, so no final result is missed. */
    @Override
    public int getPhase() {
        return 0;
    }
}
