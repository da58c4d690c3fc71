package dev.judge.core.pipeline;

import dev.judge.core.JudgeBusyException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The judge's sandbox slots: a fixed number of threads, each running at most one compile or run at a time,
 * and a bounded line of waiting work. A full line refuses instead of growing.
 */
final class RunSlotExecutor implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final int slots;
    private final int queueCapacity;

    RunSlotExecutor(int slots, int queueCapacity) {
        this.slots = slots;
        this.queueCapacity = queueCapacity;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "judge-slot-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), threads, new ThreadPoolExecutor.AbortPolicy());
    }

    int slots() {
        return slots;
    }

    ExecutorService executor() {
        return pool;
    }

    /** Submits work that starts a new submission or run; a full executor is a {@link JudgeBusyException}. */
    <T> Future<T> admit(Callable<T> task) {
        try {
            return pool.submit(task);
        } catch (RejectedExecutionException e) {
            throw refusal();
        }
    }

    /**
     * Refuses as {@link #admit} would when the line is full: the admission of work that starts on the caller's
     * thread and comes to the slots later.
     */
    void ensureRoom() {
        if (pool.isShutdown() || pool.getQueue().remainingCapacity() == 0) {
            throw refusal();
        }
    }

    private RuntimeException refusal() {
        if (pool.isShutdown()) {
            return new IllegalStateException("the judge is closed");
        }
        return new JudgeBusyException("all " + slots + " judge slots are busy and " + queueCapacity
                + " tasks are waiting; try again later");
    }

    int waiting() {
        return pool.getQueue().size();
    }

    boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
