package dev.judge.core.worker;

import dev.judge.core.pipeline.JudgeObserver;
import dev.judge.core.pipeline.JudgingPipeline;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.store.ResultStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private final JobQueue queue;
    private final ResultStore store;
    private final JudgingPipeline pipeline;
    private final Set<String> languages;
    private final int concurrency;
    private final Duration claimWait;
    private final Duration leaseExtension;
    private final Duration drainTimeout;
    private final Duration progressInterval;
    private final JudgeObserver observer;
    private final String name = "judge-worker-" + WORKERS.incrementAndGet();
    private final FailedJobs failed;

    private final Object lifecycle = new Object();
    private final List<ClaimingThread> claimers = new ArrayList<>();
    // Extends leases and sweeps dead letters: short tasks that share one thread.
    private ScheduledExecutorService maintenance;
    private ProgressWriter progress;
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
        this.progressInterval = b.progressInterval;
        this.observer = b.observer;
        this.failed = new FailedJobs(queue, store, name);
    }

    /**
     * The default least time between two progress writes of one job: none, every change is written (listeners
     * see COMPILING and RUNNING of every job). A host whose store writes cost more than short runs sets one, for
     * example 100 ms: live views still move several times a second, a job that takes less writes its final
     * result alone, and a 20-test submission writes a few snapshots instead of twenty.
     */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ZERO;

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
            maintenance = Executors.newSingleThreadScheduledExecutor(daemon(name + "-lease"));
            progress = new ProgressWriter(store, daemon(name + "-progress"), name, progressInterval);
            long sweepMillis = Math.max(1000, queue.policy().visibilityTimeout().toMillis());
            maintenance.scheduleWithFixedDelay(new DeadLetterSweep(queue, store, failed, name), sweepMillis,
                    sweepMillis, TimeUnit.MILLISECONDS);
            ClaimLoop loop = new ClaimLoop(new ClaimLoop.Parts(queue, store, pipeline, languages, claimWait, observer,
                    new LeaseKeeper(queue, maintenance, leaseExtension, name), progress, failed),
                    () -> stopping, name);
            for (int i = 0; i < concurrency; i++) {
                ClaimingThread claimer = new ClaimingThread(() -> stopping);
                claimer.thread = daemon(name + "-" + i).newThread(() -> loop.run(claimer));
                claimers.add(claimer);
            }
            for (ClaimingThread c : claimers) {
                c.thread.start();
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
        for (ClaimingThread c : claimers) {
            c.interruptIfClaiming();
        }
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        for (ClaimingThread c : claimers) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(c.thread, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (ClaimingThread c : claimers) {
            ClaimedJob left = c.abandon();
            if (left != null) {
                LOG.warn("{}: job {} still judging after the drain timeout {}; releasing it",
                        name, left.job().id(), drainTimeout);
                failed.giveBack(left, "worker closed before the job finished");
                c.thread.interrupt();
            }
        }
        maintenance.shutdownNow();
        progress.close();
    }

    private static ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
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
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;

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
         * The least time between two progress writes of one job, and before its first: a job finished sooner
         * writes only its final result. Default {@link #DEFAULT_PROGRESS_INTERVAL}: zero, every change is written.
         */
        public Builder progressInterval(Duration progressInterval) {
            Objects.requireNonNull(progressInterval, "progressInterval");
            if (progressInterval.isNegative()) {
                throw new IllegalArgumentException("progressInterval must not be negative, was " + progressInterval);
            }
            this.progressInterval = progressInterval;
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
