package dev.judge.internal;

import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.DeadLetter;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.QueueException;
import dev.judge.core.queue.QueuePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the JDBC and Redis job queues share apart from their storage: the checks of {@code claim} and its loop
 * (one attempt at the storage, then a sleep until a {@link Wakeup} signal or the poll interval), closing, and the
 * dead-letter limit. Internal to the starter.
 */
public abstract class PollingJobQueue implements JobQueue {
    private final QueuePolicy policy;
    private final long pollMillis;
    private final Wakeup wakeup;
    private volatile boolean closed;

    protected PollingJobQueue(QueuePolicy policy, Duration pollInterval, Wakeup wakeup) {
        this.policy = policy;
        this.pollMillis = Math.max(1, pollInterval.toMillis());
        this.wakeup = wakeup;
    }

    /**
     * One attempt to lease the first claimable job of {@code languages} (all when empty).
     *
     * @throws QueueException when the storage fails
     */
    protected abstract Optional<ClaimedJob> tryClaim(List<String> languages);

    /** Up to {@code limit} (more than zero) dead letters, newest first. */
    protected abstract List<DeadLetter> readDeadLetters(int limit);

    @Override
    public final Optional<ClaimedJob> claim(Set<String> languages, Duration maxWait) throws InterruptedException {
        Objects.requireNonNull(languages, "languages");
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
        }
        for (String l : languages) {
            Objects.requireNonNull(l, "languages must not hold null");
        }
        List<String> langs = List.copyOf(languages);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            checkOpen();
            long seen = wakeup.generation();
            Optional<ClaimedJob> claimed;
            try {
                claimed = tryClaim(langs);
            } catch (QueueException e) {
                throwIfInterrupted(e);
                throw e;
            }
            if (claimed.isPresent()) {
                return claimed;
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
            if (leftMs <= 0) {
                return Optional.empty();
            }
            wakeup.await(seen, Math.min(leftMs, pollMillis));
        }
    }

    /** A claim whose thread was interrupted mid-command ends as an interrupted wait, as the contract says. */
    private static void throwIfInterrupted(QueueException e) throws InterruptedException {
        if (Thread.interrupted()) {
            InterruptedException ie = new InterruptedException("interrupted while claiming");
            ie.initCause(e);
            throw ie;
        }
    }

    @Override
    public final List<DeadLetter> deadLetters(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return limit == 0 ? List.of() : readDeadLetters(limit);
    }

    @Override
    public final QueuePolicy policy() {
        return policy;
    }

    /** Wakes this node's idle claimers: something may have become claimable. */
    protected final void wakeClaimers() {
        wakeup.signal();
    }

    /** Whether {@link #close} was called. */
    protected final boolean isClosed() {
        return closed;
    }

    /** @throws QueueException (not retriable) once the queue is closed */
    protected final void checkOpen() {
        if (closed) {
            throw new QueueException("the queue is closed", false);
        }
    }

    @Override
    public final void close() {
        closed = true;
        wakeup.signal();
    }
}
