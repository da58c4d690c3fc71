package dev.judge.core.judge;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.judge.core.QueueFullException;
import dev.judge.core.queue.JobQueue;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Back-pressure on submit: refuses while the job queue holds {@code maxDepth} jobs or more. A queue's depth may be
 * a {@code COUNT(*)} that grows with the very backlog it guards, so no submit waits for it once it is known: a
 * value older than the refresh interval is still answered while a background thread reads the next one, and the
 * bound may be passed by what is accepted within about one interval. Only the first read, and a read after the
 * value went {@value #STALE_INTERVALS} intervals without a successful refresh (the queue failing), is made by the
 * submitting thread, which then sees the failure.
 */
final class QueueDepthGate {
    static final int STALE_INTERVALS = 10;
    private static final String KEY = "depth";

    private final long maxDepth;
    private final LoadingCache<String, Long> depth;

    QueueDepthGate(JobQueue queue, long maxDepth, Duration refresh, Ticker ticker, Executor refresher) {
        this.maxDepth = maxDepth;
        this.depth = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(refresher)
                .refreshAfterWrite(refresh)
                .expireAfterWrite(refresh.multipliedBy(STALE_INTERVALS))
                .build(key -> queue.depth());
    }

    /** One daemon thread, started on demand and ended after a minute without reads: nothing to shut down. */
    static Executor backgroundThread() {
        return new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "judge-queue-depth");
            t.setDaemon(true);
            return t;
        });
    }

    /** @throws QueueFullException when the last known depth is at or over the bound */
    void check() {
        long jobs = depth.get(KEY);
        if (jobs >= maxDepth) {
            throw new QueueFullException(jobs, maxDepth);
        }
    }
}
