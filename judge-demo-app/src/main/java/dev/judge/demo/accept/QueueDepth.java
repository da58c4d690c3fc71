package dev.judge.demo.accept;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.judge.core.queue.JobQueue;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The judge's queue depth as back-pressure reads it. On a JDBC queue the depth is a {@code COUNT(*)} over every
 * waiting job, which grows with the very backlog it guards, so no request waits for it once it is known: a value
 * older than the refresh interval is still answered while a background thread reads the next one. The bound may
 * therefore be passed by what is accepted within about one interval. Only the first read, and a read after the
 * value has gone {@value #STALE_INTERVALS} intervals without a successful refresh (the queue's store failing), is
 * made by the request itself, which then sees the failure.
 */
final class QueueDepth {
    static final int STALE_INTERVALS = 10;
    private static final String KEY = "depth";

    private final JobQueue queue;
    private final LoadingCache<String, Long> sampled; // null: read on every call

    QueueDepth(JobQueue queue, Duration refresh) {
        this(queue, refresh, Ticker.systemTicker(), backgroundThread());
    }

    QueueDepth(JobQueue queue, Duration refresh, Ticker ticker, Executor refresher) {
        this.queue = Objects.requireNonNull(queue, "queue");
        if (refresh.isNegative()) {
            throw new IllegalArgumentException("refresh must not be negative, was " + refresh);
        }
        this.sampled = refresh.isZero() ? null : Caffeine.newBuilder()
                .ticker(ticker)
                .executor(refresher)
                .refreshAfterWrite(refresh)
                .expireAfterWrite(refresh.multipliedBy(STALE_INTERVALS))
                .build(key -> queue.depth());
    }

    /** One daemon thread, started on demand and ended after a minute without reads: nothing to shut down. */
    private static Executor backgroundThread() {
        return new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "queue-depth");
            t.setDaemon(true);
            return t;
        });
    }

    long current() {
        return sampled == null ? queue.depth() : sampled.get(KEY);
    }
}
