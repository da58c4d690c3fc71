package dev.judge.demo.results;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.Verdict;
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
    private final Cache<String, Boolean> reported = Caffeine.newBuilder().expireAfterWrite(REPORT_MEMORY).build();

    public ResultFeed(ResultStore store, Recorder recorder, LiveResults live) {
        this.store = store;
        this.recorder = recorder;
        this.live = live;
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
     * accepting request does not wait for it.
     */
    public void replay(String id) {
        ExecutorService e = executor;
        if (e == null || reported.getIfPresent(id) == null) {
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
        if (result.status() != Status.QUEUED) {
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
