package dev.judge.core.worker;

import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestResult;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.store.ResultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns pipeline events into forward-only store writes. Events arrive on judging threads that must not block, so
 * the latest snapshot of each job is written by one progress thread; snapshots coalesce when the store is slow.
 *
 * <p>Each job writes progress at most once per {@code interval}, its first snapshot no sooner than
 * {@code interval} after the job began: a store write per test cost more than the runs themselves on a fast
 * submission (20 A+B tests: about 20 writes, each one the whole result so far), and a job that finishes within
 * the interval needs no progress at all, its final result says everything. A snapshot still waiting for its turn
 * when the job finishes is dropped, since the final result supersedes it; one being written is waited for, so
 * listeners see the states in order. With a zero interval every change is written as soon as the thread can.
 */
final class ProgressWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(2);

    private final ResultStore store;
    private final ScheduledExecutorService thread;
    private final String name;
    private final long intervalNanos;

    ProgressWriter(ResultStore store, ThreadFactory threadFactory, String name, Duration interval) {
        this.store = store;
        this.thread = Executors.newSingleThreadScheduledExecutor(threadFactory);
        this.name = name;
        this.intervalNanos = interval.toNanos();
    }

    /** The progress of one job, fed with its pipeline events. */
    JobProgress of(JudgeJob job) {
        return new JobProgress(job);
    }

    /** Lets the write under way finish (for up to a second); later snapshots are dropped. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    final class JobProgress implements Consumer<JudgeEvent> {
        private final JudgeJob job;
        private Status status = Status.QUEUED;
        private String compileOutput = "";
        private final TreeMap<Integer, TestResult> tests = new TreeMap<>();
        private SubmissionResult pending;
        private boolean writing; // a drain is scheduled or running
        private boolean stopped;
        private boolean finishing;
        private long nextWriteAt = System.nanoTime() + intervalNanos;
        private ScheduledFuture<?> scheduled;
        private final LongAdder writeNanos = new LongAdder();

        private JobProgress(JudgeJob job) {
            this.job = job;
        }

        @Override
        public void accept(JudgeEvent event) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                if (event instanceof JudgeEvent.StatusChanged s) {
                    if (s.status().isFinal() || s.status().compareTo(status) <= 0) {
                        return; // the final result is written from the pipeline's return value
                    }
                    status = s.status();
                } else if (event instanceof JudgeEvent.Compiled c) {
                    compileOutput = c.output();
                } else if (event instanceof JudgeEvent.TestFinished t) {
                    tests.put(t.index(), t.result());
                    if (status.compareTo(Status.RUNNING) < 0) {
                        status = Status.RUNNING;
                    }
                } else {
                    return; // Finished: written from the pipeline's return value
                }
                if (status == Status.QUEUED) {
                    return; // the accepting side stored QUEUED already
                }
                pending = new SubmissionResult(job.id(), status, compileOutput, new ArrayList<>(tests.values()),
                        null, 0, 0, Instant.now());
                if (writing) {
                    return;
                }
                writing = true;
                schedule();
            }
        }

        // Called holding this job's lock.
        private void schedule() {
            try {
                scheduled = thread.schedule(this::drain, Math.max(0, nextWriteAt - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) {
                writing = false; // the worker is closing; progress is best effort
                notifyAll();
            }
        }

        private void drain() {
            while (true) {
                SubmissionResult next;
                synchronized (this) {
                    if (stopped || pending == null) {
                        writing = false;
                        pending = null;
                        notifyAll();
                        return;
                    }
                    next = pending;
                    pending = null;
                }
                long t = System.nanoTime();
                try {
                    store.save(next);
                } catch (RuntimeException e) {
                    LOG.warn("{}: storing progress of job {} failed", name, job.id(), e);
                } finally {
                    writeNanos.add(System.nanoTime() - t);
                }
                synchronized (this) {
                    nextWriteAt = System.nanoTime() + intervalNanos;
                    if (intervalNanos > 0 && pending != null && !stopped) {
                        if (finishing) {
                            pending = null; // the final result supersedes it
                        } else {
                            schedule(); // the next snapshot waits for its turn; writing stays true
                            return;
                        }
                    }
                }
            }
        }

        // Lets the last snapshot reach the store before the final result, so listeners see progress in order.
        // Waits a bounded time: progress is best effort, the final result is not.
        synchronized void finish() {
            finishing = true;
            // Without an interval every snapshot is written before the final result, as soon as the thread can.
            if (intervalNanos > 0 && writing && scheduled != null && scheduled.cancel(false)) {
                writing = false; // its turn had not come: the final result supersedes it
                pending = null;
            }
            long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
            boolean interrupted = false;
            while (writing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            stopped = true;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** The time this job's progress writes have taken so far, on the progress thread. */
        Duration writeTime() {
            return Duration.ofNanos(writeNanos.sum());
        }

        synchronized void stop() {
            stopped = true;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
