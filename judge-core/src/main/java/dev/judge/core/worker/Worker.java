package dev.judge.core.worker;

import dev.judge.core.pipeline.JudgeObserver;
import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.pipeline.JudgingPipeline;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.DeadLetter;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.store.ResultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes jobs from a {@link JobQueue}, judges them with a {@link JudgingPipeline} and writes progress and the final
 * result to a {@link ResultStore}, then acknowledges the job.
 *
 * <p>Each of the {@code concurrency} threads claims one job at a time. While a job is judged its lease is extended
 * periodically, so a long judging is not handed to another worker. A job whose result is already finished in the
 * store (a redelivery after a worker died past its final write) is acknowledged without judging again; the store's
 * forward-only writes keep a redelivered job from producing a second final result. When the pipeline throws, the
 * job is released for a retry after the queue's backoff; when that was its last attempt it goes to the dead letters
 * and the worker stores a finished result with an {@code IE} verdict, so the submitter is not left waiting.
 *
 * <p>{@link #close()} drains: it stops claiming, waits up to the drain timeout for the jobs being judged, then
 * releases the ones still running and leaves them to another worker.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final AtomicInteger WORKERS = new AtomicInteger();
    private static final Duration PAUSE_AFTER_QUEUE_FAILURE = Duration.ofSeconds(1);
    private static final Duration PROGRESS_FLUSH_WAIT = Duration.ofSeconds(2);
    private static final int DEAD_LETTER_SWEEP_SIZE = 100;

    private final JobQueue queue;
    private final ResultStore store;
    private final JudgingPipeline pipeline;
    private final Set<String> languages;
    private final int concurrency;
    private final Duration claimWait;
    private final Duration leaseExtension;
    private final Duration drainTimeout;
    private final JudgeObserver observer;
    private final String name = "judge-worker-" + WORKERS.incrementAndGet();

    private final Object lifecycle = new Object();
    private final List<Slot> slots = new ArrayList<>();
    private ScheduledExecutorService extender;
    private ExecutorService progressWriter;
    private volatile boolean started;
    private volatile boolean stopping;

    private Worker(Builder b) {
        this.queue = Objects.requireNonNull(b.queue, "queue");
        this.store = Objects.requireNonNull(b.store, "store");
        this.pipeline = Objects.requireNonNull(b.pipeline, "pipeline");
        this.languages = b.languages;
        this.concurrency = b.concurrency;
        this.claimWait = b.claimWait;
        Duration visibility = queue.policy().visibilityTimeout();
        this.leaseExtension = b.leaseExtension != null ? b.leaseExtension : visibility.dividedBy(3);
        if (leaseExtension.isZero() || leaseExtension.compareTo(visibility) >= 0) {
            throw new IllegalArgumentException("leaseExtension must be positive and shorter than the queue's "
                    + "visibility timeout " + visibility + ", was " + leaseExtension);
        }
        this.drainTimeout = b.drainTimeout;
        this.observer = b.observer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the claiming threads.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (started || stopping) {
                throw new IllegalStateException(name + " was already " + (stopping ? "closed" : "started"));
            }
            started = true;
            extender = Executors.newSingleThreadScheduledExecutor(daemon(name + "-lease"));
            progressWriter = Executors.newSingleThreadExecutor(daemon(name + "-progress"));
            long sweepMillis = Math.max(1000, queue.policy().visibilityTimeout().toMillis());
            extender.scheduleWithFixedDelay(this::sweepDeadLetters, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
            for (int i = 0; i < concurrency; i++) {
                Slot slot = new Slot();
                Thread t = daemon(name + "-" + i).newThread(() -> claimLoop(slot));
                slot.thread = t;
                slots.add(slot);
            }
            for (Slot s : slots) {
                s.thread.start();
            }
        }
    }

    /** Whether the worker was started and not yet closed. */
    public boolean isRunning() {
        return started && !stopping;
    }

    /**
     * Stops claiming, waits up to the drain timeout for the jobs being judged, then releases the remaining ones
     * (they are retried elsewhere) and interrupts their threads. Later calls do nothing.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        if (!started) {
            return;
        }
        for (Slot s : slots) {
            s.interruptIfClaiming();
        }
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        for (Slot s : slots) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(s.thread, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Slot s : slots) {
            ClaimedJob left = s.abandon();
            if (left != null) {
                LOG.warn("{}: job {} still judging after the drain timeout {}; releasing it",
                        name, left.job().id(), drainTimeout);
                giveBack(left, "worker closed before the job finished");
                s.thread.interrupt();
            }
        }
        extender.shutdownNow();
        progressWriter.shutdown();
        try {
            progressWriter.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void claimLoop(Slot slot) {
        while (!stopping) {
            Optional<ClaimedJob> claimed;
            if (!slot.beginClaim()) {
                break;
            }
            try {
                claimed = queue.claim(languages, claimWait);
            } catch (InterruptedException e) {
                continue; // close() interrupts idle claims; the loop condition decides
            } catch (RuntimeException e) {
                LOG.warn("{}: claiming failed, pausing {}", name, PAUSE_AFTER_QUEUE_FAILURE, e);
                pause();
                continue;
            } finally {
                slot.endClaim();
            }
            if (claimed.isPresent()) {
                if (slot.begin(claimed.get())) {
                    judge(slot, claimed.get());
                } else {
                    // The claim outlived close() (a queue that ignores interrupts): hand the job straight back.
                    giveBack(claimed.get(), "worker closed");
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_QUEUE_FAILURE.toMillis());
        } catch (InterruptedException e) {
            // close() woke us; the loop condition decides
        }
    }

    private void judge(Slot slot, ClaimedJob claimed) {
        JudgeJob job = claimed.job();
        if (claimed.attempt() == 1) {
            try {
                observer.queueWait(job.languageId(), Duration.between(job.enqueuedAt(), Instant.now()));
            } catch (RuntimeException e) {
                LOG.warn("{}: the judge observer failed on job {}", name, job.id(), e);
            }
        }
        ScheduledFuture<?> extension = null;
        Progress progress = new Progress(job);
        try {
            Optional<SubmissionResult> stored = store.find(job.id());
            if (stored.isPresent() && stored.get().isFinished()) {
                LOG.debug("{}: job {} already has a final result; acknowledging it", name, job.id());
                if (slot.finishing()) {
                    queue.ack(claimed);
                }
                return;
            }
            extension = extender.scheduleAtFixedRate(() -> extend(claimed), leaseExtension.toNanos(),
                    leaseExtension.toNanos(), TimeUnit.NANOSECONDS);
            SubmissionResult result = pipeline.judge(job.id(), job.submission(), progress);
            if (result == null || !result.isFinished() || !result.submissionId().equals(job.id())) {
                throw new IllegalStateException("the pipeline returned no finished result for " + job.id()
                        + ": " + result);
            }
            progress.finish();
            extension.cancel(false);
            if (!slot.finishing()) {
                return; // close() gave the job back already
            }
            store.save(result); // false when an earlier delivery already stored it: that one stands
            if (!queue.ack(claimed)) {
                LOG.info("{}: lease of job {} was lost before ack; its result is stored once", name, job.id());
            }
        } catch (RuntimeException | Error e) {
            progress.stop();
            if (extension != null) {
                extension.cancel(false);
            }
            if (slot.finishing()) {
                LOG.warn("{}: judging job {} failed on attempt {}", name, job.id(), claimed.attempt(), e);
                giveBack(claimed, String.valueOf(e));
            }
        } finally {
            slot.end();
            Thread.interrupted(); // an interrupt meant for this job must not reach the next claim
        }
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

    // Releases the job; when that was its last attempt, stores an IE result in its place.
    private void giveBack(ClaimedJob claimed, String reason) {
        boolean released;
        try {
            released = queue.release(claimed, reason);
        } catch (RuntimeException e) {
            LOG.warn("{}: releasing job {} failed; it returns when its lease ends", name, claimed.job().id(), e);
            return;
        }
        if (!released || claimed.attempt() < queue.policy().maxAttempts()) {
            return;
        }
        // Dead-lettered: the submitter would wait for ever without a final result.
        storeInternalError(claimed.job(), claimed.attempt(), reason);
    }

    private void storeInternalError(JudgeJob job, int attempts, String reason) {
        double maxScore = job.submission().tests().stream().mapToDouble(TestCase::weight).sum();
        SubmissionResult ie = new SubmissionResult(job.id(), Status.FINISHED, "", List.of(),
                new Verdict.InternalError("judging failed " + attempts + " times: " + reason),
                0, maxScore, Instant.now());
        try {
            store.save(ie);
        } catch (RuntimeException e) {
            LOG.error("{}: job {} is dead but its IE result could not be stored", name, job.id(), e);
        }
    }

    /*
     * A job whose lease ran out on its last attempt (its workers died every time) is dead-lettered by the queue
     * with no worker holding it; this sweep gives such jobs their IE result. Any node may do it: the store's
     * forward-only writes keep it from touching a result that did finish.
     */
    private void sweepDeadLetters() {
        try {
            for (DeadLetter dead : queue.deadLetters(DEAD_LETTER_SWEEP_SIZE)) {
                Optional<SubmissionResult> stored = store.find(dead.job().id());
                if (stored.isEmpty() || !stored.get().isFinished()) {
                    storeInternalError(dead.job(), dead.attempts(), dead.reason());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: sweeping dead letters failed; trying again later", name, e);
        }
    }

    private static ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }

    // One claiming thread and the job it holds, guarded by its monitor against a concurrent close().
    private final class Slot {
        Thread thread;
        private boolean claiming;
        private ClaimedJob current;
        private boolean abandoned;
        private boolean finishing;
        private boolean closedOut;

        synchronized boolean beginClaim() {
            if (stopping) {
                return false;
            }
            claiming = true;
            return true;
        }

        synchronized void endClaim() {
            claiming = false;
            Thread.interrupted(); // close() may have interrupted just as the claim returned
        }

        synchronized void interruptIfClaiming() {
            if (claiming) {
                thread.interrupt();
            }
        }

        // Takes a claimed job on, unless close() is already past its drain.
        synchronized boolean begin(ClaimedJob c) {
            if (closedOut) {
                return false;
            }
            current = c;
            abandoned = false;
            finishing = false;
            return true;
        }

        // Whether this thread still owns the job and may write its end; after this close() leaves it be.
        synchronized boolean finishing() {
            if (abandoned) {
                return false;
            }
            finishing = true;
            return true;
        }

        synchronized void end() {
            current = null;
        }

        // The job to give back, unless its thread is already writing the job's end.
        synchronized ClaimedJob abandon() {
            closedOut = true;
            if (current == null || finishing) {
                return null;
            }
            abandoned = true;
            return current;
        }
    }

    // Turns pipeline events into forward-only store writes. Events arrive on judging threads that must not block,
    // so the latest snapshot is written by the progress thread; snapshots coalesce when the store is slow.
    private final class Progress implements Consumer<JudgeEvent> {
        private final JudgeJob job;
        private Status status = Status.QUEUED;
        private String compileOutput = "";
        private final TreeMap<Integer, TestResult> tests = new TreeMap<>();
        private SubmissionResult pending;
        private boolean writing;
        private boolean stopped;

        Progress(JudgeJob job) {
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
            }
            try {
                progressWriter.execute(this::drain);
            } catch (RuntimeException rejected) {
                synchronized (this) {
                    writing = false; // the worker is closing; progress is best effort
                }
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
                try {
                    store.save(next);
                } catch (RuntimeException e) {
                    LOG.warn("{}: storing progress of job {} failed", name, job.id(), e);
                }
            }
        }

        // Lets the last snapshot reach the store before the final result, so listeners see progress in order.
        // Waits a bounded time: progress is best effort, the final result is not.
        synchronized void finish() {
            long deadline = System.nanoTime() + PROGRESS_FLUSH_WAIT.toNanos();
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

        synchronized void stop() {
            stopped = true;
        }
    }

    /** Configures a {@link Worker}. Queue, store and pipeline are required. */
    public static final class Builder {
        private JobQueue queue;
        private ResultStore store;
        private JudgingPipeline pipeline;
        private Set<String> languages = Set.of();
        private JudgeObserver observer = JudgeObserver.NONE;
        private int concurrency = Math.max(1, Runtime.getRuntime().availableProcessors());
        private Duration claimWait = Duration.ofSeconds(1);
        private Duration leaseExtension;
        private Duration drainTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Told how long each job waited in the queue; default none. */
        public Builder observer(JudgeObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        public Builder queue(JobQueue queue) {
            this.queue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        public Builder store(ResultStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder pipeline(JudgingPipeline pipeline) {
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
            return this;
        }

        /** The language ids this worker judges; empty (the default) means all. */
        public Builder languages(Set<String> languages) {
            Objects.requireNonNull(languages, "languages");
            for (String l : languages) {
                if (l == null || l.isBlank()) {
                    throw new IllegalArgumentException("languages must not hold a null or blank id");
                }
            }
            this.languages = Set.copyOf(languages);
            return this;
        }

        /** How many jobs are judged at once, each on its own claiming thread. Default: the number of CPUs. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** How long one claim waits for a job before trying again. Default 1 s. */
        public Builder claimWait(Duration claimWait) {
            Objects.requireNonNull(claimWait, "claimWait");
            if (claimWait.isNegative() || claimWait.isZero()) {
                throw new IllegalArgumentException("claimWait must be positive, was " + claimWait);
            }
            this.claimWait = claimWait;
            return this;
        }

        /**
         * How often the lease of a job being judged is extended. Must be shorter than the queue's visibility
         * timeout; default a third of it.
         */
        public Builder leaseExtension(Duration every) {
            Objects.requireNonNull(every, "leaseExtension");
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("leaseExtension must be positive, was " + every);
            }
            this.leaseExtension = every;
            return this;
        }

        /** How long {@link Worker#close()} waits for jobs being judged before releasing them. Default 30 s. */
        public Builder drainTimeout(Duration drainTimeout) {
            Objects.requireNonNull(drainTimeout, "drainTimeout");
            if (drainTimeout.isNegative()) {
                throw new IllegalArgumentException("drainTimeout must not be negative, was " + drainTimeout);
            }
            this.drainTimeout = drainTimeout;
            return this;
        }

        /**
         * A worker, not yet started.
         *
         * @throws NullPointerException     when the queue, the store or the pipeline is missing
         * @throws IllegalArgumentException when the lease extension is not shorter than the visibility timeout
         */
        public Worker build() {
            return new Worker(this);
        }
    }
}
