package dev.judge.core.worker;

import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.JobQueue;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extends the lease of each job being judged every {@code every}, so a long judging is not handed to another
 * worker; stops extending a lease once the queue says it was lost.
 */
final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final JobQueue queue;
    private final ScheduledExecutorService scheduler;
    private final Duration every;
    private final String name;

    LeaseKeeper(JobQueue queue, ScheduledExecutorService scheduler, Duration every, String name) {
        this.queue = queue;
        this.scheduler = scheduler;
        this.every = every;
        this.name = name;
    }

    /** Keeps extending the lease of {@code claimed} until the returned future is cancelled. */
    ScheduledFuture<?> keep(ClaimedJob claimed) {
        return scheduler.scheduleAtFixedRate(() -> extend(claimed), every.toNanos(), every.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void extend(ClaimedJob claimed) {
        boolean kept;
        try {
            kept = queue.extend(claimed);
        } catch (RuntimeException e) {
            LOG.warn("{}: extending the lease of job {} failed; trying again", name, claimed.job().id(), e);
            return;
        }
        if (!kept) {
            LOG.warn("{}: lease of job {} was lost; it may be judged elsewhere too", name, claimed.job().id());
            throw new IllegalStateException("lease lost"); // a periodic task that throws is not run again
        }
    }
}
