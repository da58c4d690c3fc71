package dev.judge.core.judge;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.JudgeBusyException;
import dev.judge.core.QueueFullException;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.JudgeCaps;
import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Priority;
import dev.judge.core.model.RunResult;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TraceContext;
import dev.judge.core.pipeline.ArtifactCacheStats;
import dev.judge.core.pipeline.JudgeObserver;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.store.ResultStore;
import dev.judge.core.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Judges submissions: compiles each distinct source once (cached), runs the tests in parallel in the
 * sandbox, compares the outputs and aggregates verdict and score. Thread-safe; build one with
 * {@link #builder()} and share it.
 *
 * <p>Bad input throws {@link InvalidSubmissionException} naming the field; a judge with every run slot busy and a
 * full waiting line throws {@link JudgeBusyException}, and so does {@link #submit(Submission)} while the job queue
 * is at the bound of {@link Builder#maxQueueDepth(long)} ({@link QueueFullException}). Failures of the judge itself (the sandbox, a checker)
 * are an {@code IE} verdict in the result, not an exception.
 */
public interface Judge extends AutoCloseable {

    /** A builder; only {@link Builder#sandbox(Sandbox)} is required. */
    static Builder builder() {
        return new Builder();
    }

    /** Judges a submission and blocks until it is finished. */
    SubmissionResult judge(Submission submission);

    /**
     * Judges a submission and blocks until it is finished, passing progress events to {@code listener} in order
     * (on judging threads; it must not block).
     */
    SubmissionResult judge(Submission submission, Consumer<JudgeEvent> listener);

    /**
     * Judges a submission in the background. The submission is checked before this returns (bad input throws);
     * a busy judge fails the future with {@link JudgeBusyException}.
     */
    CompletableFuture<SubmissionResult> judgeAsync(Submission submission);

    /** As {@link #judgeAsync(Submission)}, with progress events. */
    CompletableFuture<SubmissionResult> judgeAsync(Submission submission, Consumer<JudgeEvent> listener);

    /** Compiles and runs one program on custom input, without an expected output. */
    RunResult run(String languageId, String source, byte[] stdin, Limits limits);

    /** As {@link #run(String, String, byte[], Limits)} with UTF-8 text input. */
    RunResult run(String languageId, String source, String stdin, Limits limits);

    /**
     * Checks a submission, stores it as {@code QUEUED} in the result store and puts it on the job queue for a
     * worker. Needs a job queue and a result store.
     *
     * @throws InvalidSubmissionException when the submission fails the check
     * @throws QueueFullException         when the job queue holds {@link Builder#maxQueueDepth(long)} jobs or more
     *                                    (as read at most {@link Builder#queueDepthRefresh(Duration)} ago)
     *
     * @return the submission's id, for {@link #result(String)}: a time-ordered UUID (RFC 9562 version 7), so ids
     *         issued in a later millisecond sort after earlier ones and cannot be guessed from them
     */
    String submit(Submission submission);

    /** As {@link #submit(Submission)} in the given queue lane. */
    String submit(Submission submission, Priority priority);

    /**
     * As {@link #submit(Submission)} for several submissions at once, with their results and jobs written together
     * (one round trip each where the store and queue support it). Every submission is checked before anything is
     * written: one that fails the check fails the call, and nothing is stored.
     *
     * @return the ids, in the order of {@code submissions}
     * @throws InvalidSubmissionException when a submission fails the check
     * @throws QueueFullException         as for {@link #submit(Submission)}; then none of them is queued
     */
    List<String> submitAll(List<Submission> submissions);

    /**
     * As {@link #submit(Submission, Priority)}, the job carrying {@code trace} rather than the calling thread's
     * trace: for a caller that takes a submission in on one thread and submits it on another.
     */
    String submit(Submission submission, Priority priority, TraceContext trace);

    /**
     * As {@link #submitAll(List)}, {@code traces.get(i)} travelling with {@code submissions.get(i)} rather than
     * the calling thread's trace (see {@link #submit(Submission, Priority, TraceContext)}).
     */
    List<String> submitAll(List<Submission> submissions, List<TraceContext> traces);

    /** The latest stored state of a submission. Needs a result store. */
    Optional<SubmissionResult> result(String submissionId);

    /** Every configured language, with whether its toolchain is there and its version. */
    List<LanguageInfo> languages();

    /**
     * One configured language, with whether its toolchain is there and its version; empty when no language has
     * this id. Only this language's toolchain is probed (on first use), where {@link #languages()} probes every
     * one: what a host that accepts a submission needs to know about its language, without making the first
     * submission after a start wait for the probes of all the others.
     */
    Optional<LanguageInfo> language(String languageId);

    /** Counters of the compiled-artifact cache. */
    ArtifactCacheStats cacheStats();

    /**
     * The caps this judge enforces on every submission and run, so a host can refuse early what the judge would
     * refuse anyway (a problem with more tests than {@link JudgeCaps#maxTests()}, say).
     */
    JudgeCaps caps();

    /**
     * The worker this judge hosts, when built with {@link Builder#worker(boolean)} or
     * {@link Builder#worker(Consumer)}; otherwise empty. {@link #close()} drains it; a host that built the judge
     * with {@link Builder#startWorker(boolean) startWorker(false)} starts it here when it is ready.
     */
    Optional<Worker> worker();

    /**
     * Stops accepting work, drains the worker if there is one, lets the judging already under way finish (for
     * up to a minute) and releases the judge's threads. The sandbox, queue and store passed to the builder are
     * not closed: they belong to the caller.
     */
    @Override
    void close();

    /** Configures and builds a {@link Judge}. */
    final class Builder {
        Sandbox sandbox;
        Languages languages = Languages.defaults();
        int runSlots = Runtime.getRuntime().availableProcessors();
        int queueCapacity = 1024;
        ByteSize cacheSize = ByteSize.ofMiB(256);
        Limits compileLimits = Limits.defaults().withCpuTime(Duration.ofSeconds(10))
                .withWallTime(Duration.ofSeconds(20)).withMemory(ByteSize.ofMiB(512)).withProcesses(64)
                .withOutputSize(ByteSize.ofMiB(1)).withFileSize(ByteSize.ofMiB(256)).withOpenFiles(256);
        Limits checkerLimits = Limits.defaults().withCpuTime(Duration.ofSeconds(5))
                .withWallTime(Duration.ofSeconds(10)).withMemory(ByteSize.ofMiB(512))
                .withOutputSize(ByteSize.ofMiB(1));
        ByteSize maxCompileOutput = ByteSize.ofKiB(64);
        ByteSize maxExcerpt = ByteSize.ofKiB(8);
        ByteSize maxSourceSize = ByteSize.ofKiB(64);
        int maxTests = 512;
        ByteSize maxTestData = ByteSize.ofMiB(256);
        ByteSize maxStdin = ByteSize.ofMiB(64);
        Limits maxLimits = new Limits(Duration.ofSeconds(30), Duration.ofSeconds(60), ByteSize.ofGiB(2), 128,
                ByteSize.ofMiB(64), ByteSize.ofMiB(256), ByteSize.ofGiB(2), 1024, false);
        JobQueue jobQueue;
        ResultStore resultStore;
        boolean worker;
        Consumer<Worker.Builder> workerOptions = w -> { };
        boolean startWorker = true;
        long maxQueueDepth;
        Duration queueDepthRefresh = Duration.ofMillis(250);
        Ticker ticker = Ticker.systemTicker();
        Executor depthRefresher;
        JudgeObserver observer = JudgeObserver.NONE;
        Clock clock = Clock.systemUTC();

        Builder() {
        }

        /** The sandbox every compile and run goes through. Required. */
        public Builder sandbox(Sandbox sandbox) {
            this.sandbox = notNull(sandbox, "sandbox");
            return this;
        }

        /** The languages offered; default {@link Languages#defaults()}. */
        public Builder languages(Languages languages) {
            this.languages = notNull(languages, "languages");
            return this;
        }

        /** Compiles and runs in the sandbox at once (the run slots); default the number of processors. */
        public Builder runSlots(int slots) {
            this.runSlots = positive(slots, "runSlots");
            return this;
        }

        /** Compiles and runs that may wait for a run slot before new work is refused; default 1024. */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = positive(capacity, "queueCapacity");
            return this;
        }

        /** Bytes of compiled artifacts (and compiler output) kept; default 256 MiB. */
        public Builder cacheSize(ByteSize size) {
            this.cacheSize = notNull(size, "cacheSize");
            return this;
        }

        /**
         * Limits of each compile, also of the toolchain version probes; default 10 s CPU, 20 s wall, 512 MiB,
         * 64 processes.
         */
        public Builder compileLimits(Limits limits) {
            this.compileLimits = notNull(limits, "compileLimits");
            return this;
        }

        /** Limits of each checker run; default 5 s CPU, 10 s wall, 512 MiB. */
        public Builder checkerLimits(Limits limits) {
            this.checkerLimits = notNull(limits, "checkerLimits");
            return this;
        }

        /** Bytes kept of a compiler's output; default 64 KiB. */
        public Builder maxCompileOutput(ByteSize size) {
            this.maxCompileOutput = positive(size, "maxCompileOutput");
            return this;
        }

        /** Bytes kept of each test's stdout, stderr and checker message in its result; default 8 KiB. */
        public Builder maxExcerpt(ByteSize size) {
            this.maxExcerpt = positive(size, "maxExcerpt");
            return this;
        }

        /** Most bytes of a submission's source files together; default 64 KiB. */
        public Builder maxSourceSize(ByteSize size) {
            this.maxSourceSize = positive(size, "maxSourceSize");
            return this;
        }

        /** Most tests per submission; default 512. */
        public Builder maxTests(int tests) {
            this.maxTests = positive(tests, "maxTests");
            return this;
        }

        /** Most bytes of a submission's test inputs and expected outputs together; default 256 MiB. */
        public Builder maxTestData(ByteSize size) {
            this.maxTestData = positive(size, "maxTestData");
            return this;
        }

        /** Most bytes of one test's input or a run's stdin; default 64 MiB. */
        public Builder maxStdin(ByteSize size) {
            this.maxStdin = positive(size, "maxStdin");
            return this;
        }

        /**
         * The highest limits a submission may ask for, field by field; default 30 s CPU, 60 s wall, 2 GiB
         * memory and stack, 128 processes, 64 MiB output, 256 MiB files, 1024 open files, no network.
         */
        public Builder maxLimits(Limits limits) {
            this.maxLimits = notNull(limits, "maxLimits");
            return this;
        }

        /** The queue {@link Judge#submit(Submission)} puts jobs on. */
        public Builder jobQueue(JobQueue queue) {
            this.jobQueue = notNull(queue, "jobQueue");
            return this;
        }

        /** Where submitted results are kept; {@link Judge#judge(Submission)} also saves its results there. */
        public Builder resultStore(ResultStore store) {
            this.resultStore = notNull(store, "resultStore");
            return this;
        }

        /** Hooks around compiles, runs, checks and finished submissions, for metrics and tracing; default none. */
        public Builder observer(JudgeObserver observer) {
            this.observer = notNull(observer, "observer");
            return this;
        }

        /**
         * Whether the judge also hosts a {@link Worker} that takes jobs from the job queue, judges them and writes
         * the results to the result store; default false. The worker serves the languages available when the
         * judge is built, judges as many jobs at once as there are run slots, tells the observer how long each
         * job waited, and is drained by {@link Judge#close()}. Needs a job queue and a result store.
         */
        public Builder worker(boolean worker) {
            this.worker = worker;
            return this;
        }

        /**
         * Hosts a worker as {@link #worker(boolean) worker(true)} does, with {@code options} applied to its builder
         * after the judge's own settings (queue, store, pipeline, observer, languages, concurrency): for the
         * languages it serves (empty: every language), its concurrency, claim wait, lease extension and drain
         * timeout.
         */
        public Builder worker(Consumer<Worker.Builder> options) {
            this.workerOptions = notNull(options, "worker options");
            this.worker = true;
            return this;
        }

        /**
         * Whether {@link #build()} starts the hosted worker; default true. A host that starts it later (an
         * application context, once every part is ready) passes false and starts it through
         * {@link Judge#worker()}.
         */
        public Builder startWorker(boolean start) {
            this.startWorker = start;
            return this;
        }

        /**
         * Back-pressure: {@link Judge#submit(Submission)} and {@link Judge#submitAll(List)} refuse with a
         * {@link QueueFullException} while the job queue holds this many jobs or more; default 0, no bound.
         */
        public Builder maxQueueDepth(long depth) {
            if (depth < 0) {
                throw new IllegalArgumentException("maxQueueDepth must not be negative, was " + depth);
            }
            this.maxQueueDepth = depth;
            return this;
        }

        /**
         * How old the queue depth that {@link #maxQueueDepth(long)} compares with may be; default 250 ms. A submit
         * never waits for the queue once the depth was read: an older value is answered while one background
         * thread reads the next. Zero reads the depth on every submit.
         */
        public Builder queueDepthRefresh(Duration refresh) {
            if (notNull(refresh, "queueDepthRefresh").isNegative()) {
                throw new IllegalArgumentException("queueDepthRefresh must not be negative, was " + refresh);
            }
            this.queueDepthRefresh = refresh;
            return this;
        }

        /**
         * Builds the judge.
         *
         * @throws IllegalStateException when no sandbox was given, or a worker or a queue bound without a queue
         *                               and a store
         */
        public Judge build() {
            if (sandbox == null) {
                throw new IllegalStateException("a sandbox is required: call sandbox(...) before build()");
            }
            if (worker && (jobQueue == null || resultStore == null)) {
                throw new IllegalStateException("a worker needs a job queue and a result store: call jobQueue(...)"
                        + " and resultStore(...) before build()");
            }
            if (maxQueueDepth > 0 && jobQueue == null) {
                throw new IllegalStateException("maxQueueDepth bounds the job queue: call jobQueue(...) before"
                        + " build()");
            }
            return new DefaultJudge(this);
        }

        private static <T> T notNull(T value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            return value;
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }

        private static ByteSize positive(ByteSize value, String name) {
            if (notNull(value, name).bytes() < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 byte, was " + value);
            }
            return value;
        }
    }
}
