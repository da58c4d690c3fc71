package dev.judge.demo.submission;

import dev.judge.core.queue.JobQueue;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The judge's queue depth as back-pressure reads it: asked of the queue at most once per refresh interval and
 * shared by the requests in between. On a JDBC queue the depth is a {@code COUNT(*)} over every waiting job,
 * which grows with the very backlog it guards; so the bound may be passed by what is accepted within one interval.
 * While one request reads a fresh value the others use the last one rather than queue up behind it.
 */
final class QueueDepth {
    private final JobQueue queue;
    private final long refreshNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Sample last;

    private record Sample(long depth, long readAtNanos) {
    }

    QueueDepth(JobQueue queue, Duration refresh) {
        this(queue, refresh, System::nanoTime);
    }

    QueueDepth(JobQueue queue, Duration refresh, LongSupplier nanoClock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.refreshNanos = refresh.toNanos();
        this.nanoClock = nanoClock;
    }

    long current() {
        Sample s = last;
        if (s != null && fresh(s)) {
            return s.depth();
        }
        if (s != null && refreshNanos > 0) {
            if (!reading.tryLock()) {
                return s.depth(); // another request is reading it now
            }
        } else {
            reading.lock();
        }
        try {
            Sample again = last;
            if (again != s && again != null && fresh(again)) {
                return again.depth(); // read by the request this one waited for
            }
            long depth = queue.depth();
            last = new Sample(depth, nanoClock.getAsLong());
            return depth;
        } finally {
            reading.unlock();
        }
    }

    private boolean fresh(Sample s) {
        return nanoClock.getAsLong() - s.readAtNanos() < refreshNanos;
    }
}
