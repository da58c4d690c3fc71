package dev.judge.core.judge;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.compare.Comparators;
import dev.judge.core.language.Language;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Priority;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.pipeline.JudgingPipeline;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.store.ResultStore;
import dev.judge.core.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

final class DefaultJudge implements Judge {
    private final Sandbox sandbox;
    private final Toolchains toolchains;
    private final SlotExecutor slots;
    private final Pipeline pipeline;
    private final Validator validator;
    private final JobQueue queue;
    private final ResultStore store;
    private final Clock clock;
    private final SubmissionIds ids;
    // Waits for the slots on behalf of judgeAsync callers; it does no sandbox work itself.
    private final ExecutorService coordinators;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final Worker worker;
    private final Object activity = new Object();
    private int active;
    private volatile boolean closed;
    private final JudgeObserver observer;

    DefaultJudge(Judge.Builder b) {
        this.sandbox = b.sandbox;
        this.toolchains = new Toolchains(b.sandbox, b.languages, b.compileLimits);
        this.slots = new SlotExecutor(b.slots, b.queueCapacity);
        this.pipeline = new Pipeline(b.sandbox, toolchains, new ArtifactCache(b.cacheSize), slots, Comparators::of,
                new Pipeline.Settings(b.compileLimits, b.checkerLimits, (int) Math.min(Integer.MAX_VALUE,
                        b.maxCompileOutput.bytes()), (int) Math.min(Integer.MAX_VALUE, b.maxExcerpt.bytes())),
                b.clock, b.observer);
        this.validator = new Validator(new Validator.Caps(b.maxSourceSize, b.maxTests, b.maxTestData, b.maxStdin,
                b.maxLimits), toolchains);
        this.queue = b.jobQueue;
        this.store = b.resultStore;
        this.clock = b.clock;
        this.ids = new SubmissionIds(b.clock);
        this.observer = b.observer;
        this.worker = b.worker ? startWorker(b.slots) : null;
        AtomicInteger n = new AtomicInteger();
        this.coordinators = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "judge-async-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private Worker startWorker(int concurrency) {
        Set<String> available = toolchains.all().stream().filter(LanguageInfo::available).map(LanguageInfo::id)
                .collect(Collectors.toSet());
        if (available.isEmpty()) {
            // An empty set would mean "every language" to the worker; serving none is not an option either.
            throw new IllegalStateException("no language is available in sandbox " + sandbox.name()
                    + ", so the worker would have nothing to judge: " + toolchains.all());
        }
        Worker w = Worker.builder().queue(queue).store(store).pipeline(pipeline).languages(available)
                .concurrency(concurrency).observer(observer).build();
        w.start();
        return w;
    }

    @Override
    public SubmissionResult judge(Submission submission) {
        return judge(submission, null);
    }

    @Override
    public SubmissionResult judge(Submission submission, Consumer<JudgeEvent> listener) {
        enter();
        try {
            validator.check(submission);
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
            validator.check(submission);
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
            Language language = validator.checkRun(languageId, source, stdin, limits);
            return pipeline.runOnce(language, List.of(SourceFile.main(source)), stdin, limits);
        } finally {
            exit();
        }
    }

    @Override
    public RunResult run(String languageId, String source, String stdin, Limits limits) {
        if (stdin == null) {
            throw new InvalidSubmissionException("stdin", "must not be null (use an empty input)");
        }
        return run(languageId, source, Text.utf8(stdin), limits);
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
        return accept(List.of(submission), priority).get(0);
    }

    @Override
    public List<String> submitAll(List<Submission> submissions) {
        if (submissions == null) {
            throw new InvalidSubmissionException("submissions", "must not be null");
        }
        return accept(submissions, Priority.NORMAL);
    }

    private List<String> accept(List<Submission> submissions, Priority priority) {
        ensureOpen();
        if (queue == null || store == null) {
            throw new IllegalStateException("submit needs a job queue and a result store: configure jobQueue(...)"
                    + " and resultStore(...) on the builder");
        }
        for (Submission s : submissions) {
            validator.check(s);
        }
        List<String> ids = new ArrayList<>(submissions.size());
        List<SubmissionResult> queued = new ArrayList<>(submissions.size());
        List<JudgeJob> jobs = new ArrayList<>(submissions.size());
        for (Submission s : submissions) {
            String id = newId();
            ids.add(id);
            queued.add(SubmissionResult.queued(id, clock.instant()));
            jobs.add(new JudgeJob(id, s, priority, clock.instant()));
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
        return toolchains.all();
    }

    @Override
    public ArtifactCacheStats cacheStats() {
        return pipeline.cacheStats();
    }

    @Override
    public JudgingPipeline pipeline() {
        return pipeline;
    }

    /** Tasks waiting for a slot; lets tests observe a full line. */
    int waitingTasks() {
        return slots.waiting();
    }

    private String newId() {
        return ids.next();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the judge is closed");
        }
    }

    // Judging calls in progress; close() lets them finish before it stops the slots they need.
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
        slots.close();
        try {
            coordinators.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
