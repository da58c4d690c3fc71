package dev.judge.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.Priority;
import dev.judge.core.model.Status;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.pipeline.JudgingPipeline;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.core.store.ResultStore;
import dev.judge.core.store.ResultStores;
import dev.judge.core.store.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ResultStore store = ResultStores.inMemory();
    private final FakePipeline pipeline = new FakePipeline();
    private final Map<String, List<SubmissionResult>> seen = new ConcurrentHashMap<>();
    private final List<Worker> workers = new ArrayList<>();
    private JobQueue queue;

    WorkerTest() {
        store.subscribe(r -> seen.computeIfAbsent(r.submissionId(), k -> Collections.synchronizedList(new ArrayList<>()))
                .add(r));
    }

    @AfterEach
    void closeAll() {
        pipeline.unblock();
        for (Worker w : workers) {
            w.close();
        }
        if (queue != null) {
            queue.close();
        }
    }

    /**
     * Judges a tiny language honestly: the program {@code echo} prints its input, {@code upper} prints it in upper
     * case, {@code sleep N} sleeps N ms and then echoes, {@code pace N} echoes and sleeps N ms after each test,
     * {@code boom} throws, {@code flaky} throws on its first
     * call only, {@code block} waits until unblocked or interrupted. Outputs are compared byte for byte.
     */
    static final class FakePipeline implements JudgingPipeline {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Semaphore started = new Semaphore(0);
        private final CountDownLatch unblock = new CountDownLatch(1);

        @Override
        public SubmissionResult judge(String id, Submission submission, Consumer<JudgeEvent> events) {
            calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            started.release();
            String program = submission.sources().get(0).content();
            if (program.equals("boom")) {
                throw new IllegalStateException("sandbox exploded");
            }
            if (program.equals("flaky") && calls.get(id).get() == 1) {
                throw new IllegalStateException("flaky sandbox");
            }
            if (program.equals("block")) {
                try {
                    unblock.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while judging", e);
                }
            }
            if (program.startsWith("sleep ")) {
                sleep(Long.parseLong(program.substring(6)));
            }
            events.accept(new JudgeEvent.StatusChanged(id, Status.COMPILING));
            events.accept(new JudgeEvent.Compiled(id, true, "compiled " + program));
            events.accept(new JudgeEvent.StatusChanged(id, Status.RUNNING));
            List<TestResult> results = new ArrayList<>();
            double score = 0;
            double max = 0;
            Verdict verdict = Verdict.ACCEPTED;
            List<TestCase> tests = submission.tests();
            for (int i = 0; i < tests.size(); i++) {
                TestCase t = tests.get(i);
                String in = new String(t.input(), StandardCharsets.UTF_8);
                String out = program.equals("upper") ? in.toUpperCase(Locale.ROOT) : in;
                boolean ok = Arrays.equals(out.getBytes(StandardCharsets.UTF_8), t.expectedOutput());
                Verdict v = ok ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER;
                TestResult r = new TestResult(t.id(), v, ok ? t.weight() : 0, Duration.ofMillis(3),
                        Duration.ofMillis(4), ByteSize.ofKiB(512), 0, 0, out, "", "");
                results.add(r);
                score += r.score();
                max += t.weight();
                if (!ok && verdict.isAccepted()) {
                    verdict = v;
                }
                events.accept(new JudgeEvent.TestFinished(id, r, i, tests.size()));
                if (program.startsWith("pace ")) {
                    sleep(Long.parseLong(program.substring(5)));
                }
            }
            SubmissionResult done = new SubmissionResult(id, Status.FINISHED, "compiled " + program, results,
                    verdict, score, max, Instant.now());
            events.accept(new JudgeEvent.Finished(id, done));
            return done;
        }

        int calls(String id) {
            AtomicInteger n = calls.get(id);
            return n == null ? 0 : n.get();
        }

        void awaitStarted(int n) throws InterruptedException {
            assertThat(started.tryAcquire(n, WAIT.toSeconds(), TimeUnit.SECONDS)).as("pipeline started").isTrue();
        }

        void unblock() {
            unblock.countDown();
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while judging", e);
            }
        }
    }

    private JobQueue queue(QueuePolicy policy) {
        queue = JobQueues.inMemory(policy);
        return queue;
    }

    private static QueuePolicy policy(Duration visibility, int maxAttempts) {
        return new QueuePolicy(visibility, maxAttempts, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private Worker.Builder worker() {
        return Worker.builder().queue(queue).store(store).pipeline(pipeline).claimWait(Duration.ofMillis(200));
    }

    private Worker started(Worker.Builder b) {
        Worker w = b.build();
        workers.add(w);
        w.start();
        return w;
    }

    /** Accepts a submission the way the judge does: QUEUED in the store, then onto the queue. */
    private JudgeJob submit(String program, String language, String... inputsAndExpected) {
        List<TestCase> tests = new ArrayList<>();
        for (int i = 0; i < inputsAndExpected.length; i += 2) {
            tests.add(TestCase.of(String.valueOf(i / 2 + 1), inputsAndExpected[i], inputsAndExpected[i + 1]));
        }
        String id = "w-" + UUID.randomUUID();
        JudgeJob job = new JudgeJob(id, Submission.of(language, program, tests), Priority.NORMAL, Instant.now());
        store.save(SubmissionResult.queued(id, Instant.now()));
        queue.enqueue(job);
        return job;
    }

    private SubmissionResult awaitFinished(String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SubmissionResult> r = store.find(id);
            if (r.isPresent() && r.get().isFinished()) {
                return r.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no final result for " + id + " within " + WAIT + "; have " + store.find(id));
    }

    private long finishedNotifications(String id) {
        List<SubmissionResult> list = seen.getOrDefault(id, List.of());
        synchronized (list) {
            return list.stream().filter(SubmissionResult::isFinished).count();
        }
    }

    private static void awaitDepth(JobQueue q, long depth) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (q.depth() != depth && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(q.depth()).isEqualTo(depth);
    }

    @Test
    void aBusyWorkerTakesEachNextJobWithTheCompletionOfTheLast() throws Exception {
        JobQueue inner = JobQueues.inMemory(policy(Duration.ofSeconds(10), 3));
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        queue = (JobQueue) Proxy.newProxyInstance(JobQueue.class.getClassLoader(), new Class<?>[] {JobQueue.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<JudgeJob> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(submit("echo", "python", "a" + i, "a" + i));
        }
        started(worker().concurrency(1).claimWait(Duration.ofSeconds(20))); // an idle claim waits, uncounted
        for (JudgeJob j : jobs) {
            assertThat(awaitFinished(j.id()).verdict()).isEqualTo(Verdict.ACCEPTED);
        }
        awaitDepth(queue, 0);
        assertThat(calls.get("completeAndClaim")).hasValue(10);
        // the first job came from a claim, the nine others with the completions; one more claim may be waiting
        assertThat(calls.get("claim").get()).isBetween(1, 2);
    }

    @Test
    void judgesEveryJobWritingProgressThenTheFinalResultThenAcks() throws Exception {
        queue(policy(Duration.ofSeconds(10), 3));
        started(worker().concurrency(3).progressInterval(Duration.ZERO));
        List<JudgeJob> passing = new ArrayList<>();
        List<JudgeJob> failing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            passing.add(submit("echo", "python", "a" + i, "a" + i, "b", "b"));
            failing.add(submit("upper", "python", "x", "X", "y" + i, "y" + i));
        }
        for (JudgeJob j : passing) {
            SubmissionResult r = awaitFinished(j.id());
            assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(r.score()).isEqualTo(2.0);
            assertThat(r.compileOutput()).isEqualTo("compiled echo");
        }
        for (JudgeJob j : failing) {
            SubmissionResult r = awaitFinished(j.id());
            assertThat(r.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
            assertThat(r.tests()).extracting(TestResult::verdict).containsExactly(Verdict.ACCEPTED, Verdict.WRONG_ANSWER);
            assertThat(r.score()).isEqualTo(1.0);
            assertThat(r.maxScore()).isEqualTo(2.0);
        }
        awaitDepth(queue, 0);
        assertThat(queue.deadLetters(10)).isEmpty();
        for (JudgeJob j : passing) {
            assertThat(pipeline.calls(j.id())).isEqualTo(1);
            List<SubmissionResult> history = List.copyOf(seen.get(j.id()));
            assertThat(history).extracting(SubmissionResult::status).isSorted().startsWith(Status.QUEUED)
                    .endsWith(Status.FINISHED).contains(Status.RUNNING);
            assertThat(history.stream().filter(SubmissionResult::isFinished)).hasSize(1);
            // Progress is written before the final result, the last snapshot with every test.
            SubmissionResult lastProgress = history.get(history.size() - 2);
            assertThat(lastProgress.status()).isEqualTo(Status.RUNNING);
            assertThat(lastProgress.tests()).hasSize(2);
            assertThat(lastProgress.compileOutput()).isEqualTo("compiled echo");
        }
    }

    @Test
    void writesProgressAtMostOncePerIntervalAndNoneForAJobFinishedWithinIt() throws Exception {
        queue(policy(Duration.ofSeconds(10), 3));
        started(worker().concurrency(1).progressInterval(Duration.ofMillis(200)));
        JudgeJob fast = submit("echo", "python", "a", "a", "b", "b");
        assertThat(awaitFinished(fast.id()).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(seen.get(fast.id())).extracting(SubmissionResult::status)
                .containsExactly(Status.QUEUED, Status.FINISHED);

        // Six tests 100 ms apart: 600 ms of events, so progress at 200 ms and after, at most one write per 200 ms.
        JudgeJob slow = submit("pace 100", "python", "1", "1", "2", "2", "3", "3", "4", "4", "5", "5", "6", "6");
        long start = System.nanoTime();
        assertThat(awaitFinished(slow.id()).tests()).hasSize(6);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        List<SubmissionResult> history = List.copyOf(seen.get(slow.id()));
        List<SubmissionResult> progress = history.subList(1, history.size() - 1);
        assertThat(history).extracting(SubmissionResult::status).isSorted().startsWith(Status.QUEUED)
                .endsWith(Status.FINISHED);
        assertThat(progress).isNotEmpty().allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.RUNNING));
        assertThat(progress.size()).isLessThanOrEqualTo((int) (tookMillis / 200));
        assertThat(progress).extracting(r -> r.tests().size()).isSorted();
    }

    @Test
    void claimsOnlyTheLanguagesItServes() throws Exception {
        queue(policy(Duration.ofSeconds(10), 3));
        started(worker().languages(Set.of("c")).concurrency(1));
        JudgeJob python = submit("echo", "python", "1", "1");
        JudgeJob c = submit("echo", "c", "1", "1");
        assertThat(awaitFinished(c.id()).verdict()).isEqualTo(Verdict.ACCEPTED);
        Thread.sleep(300);
        assertThat(store.find(python.id()).orElseThrow().status()).isEqualTo(Status.QUEUED);
        assertThat(pipeline.calls(python.id())).isZero();
        assertThat(queue.depth()).isEqualTo(1);
    }

    @Test
    void closeWaitsForTheJobsBeingJudgedAndStopsClaiming() throws Exception {
        queue(policy(Duration.ofSeconds(10), 3));
        Worker w = started(worker().concurrency(2).drainTimeout(Duration.ofSeconds(20)));
        JudgeJob a = submit("sleep 700", "python", "1", "1");
        JudgeJob b = submit("sleep 700", "python", "2", "2");
        pipeline.awaitStarted(2);
        long start = System.nanoTime();
        w.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        assertThat(w.isRunning()).isFalse();
        // Both finished before close returned.
        assertThat(store.find(a.id()).orElseThrow().isFinished()).isTrue();
        assertThat(store.find(b.id()).orElseThrow().isFinished()).isTrue();
        assertThat(queue.depth()).isZero();

        JudgeJob late = submit("echo", "python", "1", "1");
        Thread.sleep(500);
        assertThat(pipeline.calls(late.id())).as("claimed after close").isZero();
        assertThat(queue.depth()).isEqualTo(1);
    }

    @Test
    void closeReleasesAJobThatOutlivesTheDrainTimeout() throws Exception {
        queue(policy(Duration.ofSeconds(10), 3));
        Worker w = started(worker().concurrency(1).drainTimeout(Duration.ofMillis(300)));
        JudgeJob job = submit("block", "python", "1", "1");
        pipeline.awaitStarted(1);
        long start = System.nanoTime();
        w.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(10));

        // Given back at once (not left to the 10 s lease), counted as a failed attempt.
        ClaimedJob again = queue.claim(Set.of(), Duration.ofSeconds(5)).orElseThrow();
        assertThat(again.job().id()).isEqualTo(job.id());
        assertThat(again.attempt()).isEqualTo(2);
        Thread.sleep(200);
        assertThat(store.find(job.id()).orElseThrow().status())
                .as("the abandoned judging writes nothing").isEqualTo(Status.QUEUED);
    }

    @Test
    void aJobOfAWorkerThatDiedIsJudgedOnceByAnother() throws Exception {
        queue(policy(Duration.ofMillis(500), 3));
        JudgeJob job = submit("echo", "python", "hi", "hi");
        // The first worker claims, writes some progress and dies: no ack, no release, no lease extension.
        ClaimedJob dead = queue.claim(Set.of(), Duration.ZERO).orElseThrow();
        store.save(new SubmissionResult(job.id(), Status.RUNNING, "", List.of(), null, 0, 0, Instant.now()));

        started(worker().concurrency(2));
        SubmissionResult result = awaitFinished(job.id());
        assertThat(result.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(pipeline.calls(job.id())).isEqualTo(1);
        awaitDepth(queue, 0);

        // The first worker was only stalled and comes back: it can change nothing.
        SubmissionResult stale = new SubmissionResult(job.id(), Status.FINISHED, "", List.of(),
                Verdict.WRONG_ANSWER, 0, 1, Instant.now());
        assertThat(store.save(stale)).isFalse();
        assertThat(queue.ack(dead)).isFalse();
        assertThat(store.find(job.id())).hasValue(result);
        assertThat(finishedNotifications(job.id())).isEqualTo(1);
    }

    @Test
    void aJobDeadLetteredByLeaseExpiryGetsAnInternalErrorResult() throws Exception {
        queue(policy(Duration.ofMillis(300), 1));
        JudgeJob job = submit("echo", "python", "hi", "hi");
        // Its only worker claims it and dies; the expired lease sends it to the dead letters with no one holding it.
        queue.claim(Set.of(), Duration.ZERO).orElseThrow();
        started(worker().concurrency(1));
        SubmissionResult result = awaitFinished(job.id());
        assertThat(result.verdict()).isInstanceOf(Verdict.InternalError.class);
        assertThat(pipeline.calls(job.id())).isZero();
        assertThat(queue.deadLetters(10)).extracting(d -> d.job().id()).containsExactly(job.id());
        assertThat(finishedNotifications(job.id())).isEqualTo(1);
    }

    @Test
    void aRedeliveredJobThatIsAlreadyFinishedIsAckedWithoutJudging() throws Exception {
        queue(policy(Duration.ofMillis(500), 3));
        JudgeJob job = submit("echo", "python", "hi", "hi");
        // The first worker stored the final result and died before acking.
        queue.claim(Set.of(), Duration.ZERO).orElseThrow();
        SubmissionResult first = new SubmissionResult(job.id(), Status.FINISHED, "", List.of(), Verdict.ACCEPTED,
                1, 1, Instant.now());
        store.save(first);

        started(worker().concurrency(1));
        awaitDepth(queue, 0);
        assertThat(pipeline.calls(job.id())).isZero();
        assertThat(store.find(job.id())).hasValue(first);
        assertThat(finishedNotifications(job.id())).isEqualTo(1);
        assertThat(queue.deadLetters(10)).isEmpty();
    }

    @Test
    void aFailingJudgingIsRetriedThenDeadLetteredWithAnInternalErrorResult() throws Exception {
        queue(policy(Duration.ofSeconds(10), 3));
        started(worker().concurrency(2));
        JudgeJob job = submit("boom", "python", "1", "1", "2", "2");
        SubmissionResult r = awaitFinished(job.id());
        assertThat(r.verdict()).isInstanceOfSatisfying(Verdict.InternalError.class,
                ie -> assertThat(ie.reason()).contains("sandbox exploded").contains("3"));
        assertThat(r.score()).isZero();
        assertThat(r.maxScore()).isEqualTo(2.0);
        assertThat(pipeline.calls(job.id())).isEqualTo(3);
        assertThat(queue.deadLetters(10)).singleElement().satisfies(d -> {
            assertThat(d.job().id()).isEqualTo(job.id());
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.reason()).contains("sandbox exploded");
        });
        assertThat(queue.depth()).isZero();
        assertThat(finishedNotifications(job.id())).isEqualTo(1);
    }

    @Test
    void aJudgingThatFailsOnceSucceedsOnTheRetry() throws Exception {
        queue(policy(Duration.ofSeconds(10), 3));
        started(worker().concurrency(1));
        JudgeJob job = submit("flaky", "python", "1", "1");
        SubmissionResult r = awaitFinished(job.id());
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(pipeline.calls(job.id())).isEqualTo(2);
        assertThat(queue.deadLetters(10)).isEmpty();
        awaitDepth(queue, 0);
    }

    @Test
    void aFailedFinalWriteIsRetriedAndStoredOnce() throws Exception {
        queue(policy(Duration.ofSeconds(10), 3));
        AtomicBoolean failedOnce = new AtomicBoolean();
        ResultStore flaky = new ResultStore() {
            @Override
            public boolean save(SubmissionResult result) {
                if (result.isFinished() && failedOnce.compareAndSet(false, true)) {
                    throw new StoreException("database unavailable", true, null);
                }
                return store.save(result);
            }

            @Override
            public Optional<SubmissionResult> find(String submissionId) {
                return store.find(submissionId);
            }

            @Override
            public Subscription subscribe(dev.judge.core.store.ResultListener listener) {
                return store.subscribe(listener);
            }

            @Override
            public boolean delete(String submissionId) {
                return store.delete(submissionId);
            }
        };
        started(worker().store(flaky).concurrency(1));
        JudgeJob job = submit("echo", "python", "1", "1");
        assertThat(awaitFinished(job.id()).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(failedOnce).isTrue();
        assertThat(pipeline.calls(job.id())).isEqualTo(2);
        awaitDepth(queue, 0);
        assertThat(finishedNotifications(job.id())).isEqualTo(1);
    }

    @Test
    void aLongJudgingKeepsItsLease() throws Exception {
        queue(policy(Duration.ofSeconds(1), 3));
        started(worker().concurrency(1)); // extends every third of the lease
        JudgeJob job = submit("sleep 3000", "python", "1", "1");
        pipeline.awaitStarted(1);
        // Another claimer would get the job if its lease ran out during the three seconds of judging.
        List<ClaimedJob> stolen = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!store.find(job.id()).orElseThrow().isFinished() && System.nanoTime() < deadline) {
            queue.claim(Set.of(), Duration.ofMillis(100)).ifPresent(stolen::add);
        }
        assertThat(stolen).isEmpty();
        assertThat(pipeline.calls(job.id())).isEqualTo(1);
        awaitDepth(queue, 0);
        assertThat(queue.deadLetters(10)).isEmpty();
    }

    @Test
    void refusesIncompleteOrNonsenseConfiguration() {
        queue(policy(Duration.ofSeconds(3), 3));
        assertThatThrownBy(() -> Worker.builder().store(store).pipeline(pipeline).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("queue");
        assertThatThrownBy(() -> Worker.builder().queue(queue).pipeline(pipeline).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("store");
        assertThatThrownBy(() -> Worker.builder().queue(queue).store(store).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("pipeline");
        assertThatThrownBy(() -> worker().concurrency(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrency");
        assertThatThrownBy(() -> worker().claimWait(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claimWait");
        assertThatThrownBy(() -> worker().drainTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drainTimeout");
        assertThatThrownBy(() -> worker().languages(Set.of(" "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("languages");
        assertThatThrownBy(() -> worker().leaseExtension(Duration.ofSeconds(3)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaseExtension");

        Worker w = worker().concurrency(1).build();
        workers.add(w);
        w.start();
        assertThatThrownBy(w::start).isInstanceOf(IllegalStateException.class);
        w.close();
        w.close();
        assertThatThrownBy(w::start).isInstanceOf(IllegalStateException.class);
    }
}
