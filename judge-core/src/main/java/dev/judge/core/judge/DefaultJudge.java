package dev.judge.core.judge;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.language.LanguageInfo;
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
import dev.judge.core.pipeline.PipelineRuntime;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.store.ResultStore;
import dev.judge.core.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class DefaultJudge implements Judge {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultJudge.class);
    private final PipelineRuntime pipeline;
    private final JobQueue queue;
    private final ResultStore store;
    private final Clock clock;
    private final SubmissionIds ids;
    private final JudgeObserver observer;
    private final QueueDepthGate queueDepth; // null: no bound
    // Waits for the run slots on behalf of judgeAsync callers; it does no sandbox work itself.
    private final ExecutorService coordinators;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final Worker worker;
    private final Object activity = new Object();
    private int active;
    private volatile boolean closed;

    DefaultJudge(Judge.Builder b) {
        this.pipeline = PipelineRuntime.create(b.sandbox, b.languages, new PipelineRuntime.Settings(b.runSlots,
                b.queueCapacity, b.cacheSize, b.compileLimits, b.checkerLimits, b.maxCompileOutput, b.maxExcerpt),
                new JudgeCaps(b.maxSourceSize, b.maxTests, b.maxTestData, b.maxStdin, b.maxLimits), b.clock,
                b.observer);
        this.queue = b.jobQueue;
        this.store = b.resultStore;
        this.clock = b.clock;
        this.observer = b.observer;
        this.ids = new SubmissionIds(b.clock);
        this.queueDepth = b.maxQueueDepth == 0 ? null : new QueueDepthGate(b.jobQueue, b.maxQueueDepth,
                b.queueDepthRefresh, b.ticker, b.depthRefresher != null ? b.depthRefresher
                : QueueDepthGate.backgroundThread());
        this.worker = b.worker ? hostWorker(b) : null;
        AtomicInteger n = new AtomicInteger();
        this.coordinators = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "judge-async-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private Worker hostWorker(Judge.Builder b) {
        Set<String> available = pipeline.languages().stream().filter(LanguageInfo::available)
                .map(LanguageInfo::id).collect(Collectors.toSet());
        if (available.isEmpty()) {
            // An empty set would mean "every language" to the worker; serving none is not an option either.
            throw new IllegalStateException("no language is available in sandbox " + b.sandbox.name()
                    + ", so the worker would have nothing to judge: " + pipeline.languages());
        }
        Worker.Builder w = Worker.builder().queue(queue).store(store).pipeline(pipeline).languages(available)
                .concurrency(b.runSlots).observer(b.observer);
        b.workerOptions.accept(w);
        Worker built = w.build();
        if (b.startWorker) {
            built.start();
        }
        return built;
    }

    @Override
    public SubmissionResult judge(Submission submission) {
        return judge(submission, null);
    }

    @Override
    public SubmissionResult judge(Submission submission, Consumer<JudgeEvent> listener) {
        enter();
        try {
            pipeline.check(submission);
            return judgeChecked(newId(), submission, listener);
        } finally {
            exit();
        }
    }

    private SubmissionResult judgeChecked(String id, Submission submission, Consumer<JudgeEvent> listener) {
        SubmissionResult result = pipeline.judge(id, submission, listener);
        if (store != null) {
            store.save(result);
        }
        return result;
    }

    @Override
    public CompletableFuture<SubmissionResult> judgeAsync(Submission submission) {
        return judgeAsync(submission, null);
    }

    @Override
    public CompletableFuture<SubmissionResult> judgeAsync(Submission submission, Consumer<JudgeEvent> listener) {
        enter();
        try {
            pipeline.check(submission);
            String id = newId();
            // The work counts as active until the background judging ends, not just until this returns.
            enter();
            try {
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        return judgeChecked(id, submission, listener);
                    } finally {
                        exit();
                    }
                }, coordinators);
            } catch (RejectedExecutionException e) {
                exit();
                throw new IllegalStateException("the judge is closed", e);
            }
        } finally {
            exit();
        }
    }

    @Override
    public RunResult run(String languageId, String source, byte[] stdin, Limits limits) {
        enter();
        try {
            return pipeline.run(languageId, source, stdin, limits);
        } finally {
            exit();
        }
    }

    @Override
    public RunResult run(String languageId, String source, String stdin, Limits limits) {
        if (stdin == null) {
            throw new InvalidSubmissionException("stdin", "must not be null (use an empty input)");
        }
        return run(languageId, source, stdin.getBytes(StandardCharsets.UTF_8), limits);
    }

    @Override
    public String submit(Submission submission) {
        return submit(submission, Priority.NORMAL);
    }

    @Override
    public String submit(Submission submission, Priority priority) {
        if (priority == null) {
            throw new InvalidSubmissionException("priority", "must not be null");
        }
        return submit(submission, priority, currentTrace());
    }

    @Override
    public String submit(Submission submission, Priority priority, TraceContext trace) {
        if (priority == null) {
            throw new InvalidSubmissionException("priority", "must not be null");
        }
        if (trace == null) {
            throw new InvalidSubmissionException("trace", "must not be null (TraceContext.NONE for none)");
        }
        return accept(List.of(submission), priority, List.of(trace)).get(0);
    }

    @Override
    public List<String> submitAll(List<Submission> submissions) {
        if (submissions == null) {
            throw new InvalidSubmissionException("submissions", "must not be null");
        }
        return submitAll(submissions, Collections.nCopies(submissions.size(), currentTrace()));
    }

    @Override
    public List<String> submitAll(List<Submission> submissions, List<TraceContext> traces) {
        if (submissions == null) {
            throw new InvalidSubmissionException("submissions", "must not be null");
        }
        if (traces == null || traces.size() != submissions.size() || traces.stream().anyMatch(Objects::isNull)) {
            throw new InvalidSubmissionException("traces", "must hold one trace per submission (TraceContext.NONE"
                    + " for none)");
        }
        return accept(submissions, Priority.NORMAL, traces);
    }

    private TraceContext currentTrace() {
        try {
            return Objects.requireNonNullElse(observer.currentTrace(), TraceContext.NONE);
        } catch (RuntimeException e) {
            LOG.warn("the judge observer failed to read the current trace; the job goes without one", e);
            return TraceContext.NONE;
        }
    }

    private List<String> accept(List<Submission> submissions, Priority priority, List<TraceContext> traces) {
        ensureOpen();
        if (queue == null || store == null) {
            throw new IllegalStateException("submit needs a job queue and a result store: configure jobQueue(...)"
                    + " and resultStore(...) on the builder");
        }
        if (queueDepth != null) {
            queueDepth.check(); // before the checks: an overloaded judge refuses at the least cost
        }
        for (Submission s : submissions) {
            pipeline.check(s);
        }
        List<String> ids = new ArrayList<>(submissions.size());
        List<SubmissionResult> queued = new ArrayList<>(submissions.size());
        List<JudgeJob> jobs = new ArrayList<>(submissions.size());
        for (int i = 0; i < submissions.size(); i++) {
            String id = newId();
            ids.add(id);
            queued.add(SubmissionResult.queued(id, clock.instant()));
            jobs.add(new JudgeJob(id, submissions.get(i), priority, clock.instant(), traces.get(i)));
        }
        store.saveAll(queued);
        try {
            queue.enqueueAll(jobs);
        } catch (RuntimeException e) {
            // Not accepted: no QUEUED result may be left behind that no worker will ever finish.
            for (String id : ids) {
                store.delete(id);
            }
            throw e;
        }
        return ids;
    }

    @Override
    public Optional<SubmissionResult> result(String submissionId) {
        if (store == null) {
            throw new IllegalStateException("results are kept only with a result store: configure resultStore(...)");
        }
        if (submissionId == null || submissionId.isBlank()) {
            throw new InvalidSubmissionException("submissionId", "must not be blank");
        }
        return store.find(submissionId);
    }

    @Override
    public List<LanguageInfo> languages() {
        return pipeline.languages();
    }

    @Override
    public Optional<LanguageInfo> language(String languageId) {
        Objects.requireNonNull(languageId, "languageId");
        return pipeline.language(languageId);
    }

    @Override
    public JudgeCaps caps() {
        return pipeline.caps();
    }

    @Override
    public Optional<Worker> worker() {
        return Optional.ofNullable(worker);
    }

    @Override
    public ArtifactCacheStats cacheStats() {
        return pipeline.cacheStats();
    }

    /** Tasks waiting for a run slot; lets tests observe a full line. */
    int waitingTasks() {
        return pipeline.waitingRuns();
    }

    private String newId() {
        return ids.next();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the judge is closed");
        }
    }

    // Judging calls in progress; close() lets them finish before it stops the run slots they need.
    private void enter() {
        synchronized (activity) {
            ensureOpen();
            active++;
        }
    }

    private void exit() {
        synchronized (activity) {
            if (--active == 0) {
                activity.notifyAll();
            }
        }
    }

    private void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (activity) {
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(activity, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (activity) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (worker != null) {
            worker.close();
        }
        awaitIdle(DRAIN_TIMEOUT);
        coordinators.shutdown();
        pipeline.close();
        try {
            coordinators.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
