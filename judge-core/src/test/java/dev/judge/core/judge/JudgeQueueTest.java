package dev.judge.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.PhaseTimes;
import dev.judge.core.model.Priority;
import dev.judge.core.model.Status;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueueException;
import dev.judge.core.store.ResultStore;
import dev.judge.core.store.ResultStores;
import dev.judge.core.testsupport.FakeSandbox;
import dev.judge.core.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** submit() hands work to a queue; a judge built with worker(true) takes it from there. */
class JudgeQueueTest {

    private static FakeSandbox echo() {
        return FakeSandbox.programs(r -> FakeSandbox.exited(0, new String(r.stdin(), StandardCharsets.UTF_8)));
    }

    private static Submission submission(String... outputs) {
        List<TestCase> tests = new java.util.ArrayList<>();
        for (int i = 0; i < outputs.length; i++) {
            tests.add(TestCase.of("t" + i, "in" + i, outputs[i]));
        }
        return Submission.of("cpp", "int main(){}", tests);
    }

    static SubmissionResult awaitFinished(Judge judge, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SubmissionResult> r = judge.result(id);
            if (r.isPresent() && r.get().isFinished()) {
                return r.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("submission " + id + " did not finish: " + judge.result(id));
    }

    @Test
    void submittedWorkIsJudgedByTheWorkerAndStored() throws Exception {
        ResultStore store = ResultStores.inMemory();
        List<Status> seen = new CopyOnWriteArrayList<>();
        store.subscribe(r -> seen.add(r.status()));
        try (JobQueue queue = JobQueues.inMemory();
                Judge judge = Judge.builder().sandbox(echo()).runSlots(2).jobQueue(queue).resultStore(store)
                        .worker(true).build()) {
            String good = judge.submit(submission("in0", "in1"));
            String bad = judge.submit(submission("in0", "nope"), Priority.HIGH);
            SubmissionResult g = awaitFinished(judge, good);
            SubmissionResult b = awaitFinished(judge, bad);
            assertThat(g.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(g.submissionId()).isEqualTo(good);
            assertThat(b.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
            assertThat(b.score()).isEqualTo(1);
            assertThat(judge.result("no-such-id")).isEmpty();
        }
        assertThat(seen).startsWith(Status.QUEUED).contains(Status.RUNNING, Status.FINISHED);
    }

    @Test
    void submitChecksTheInputBeforeAnythingIsStoredOrQueued() {
        ResultStore store = ResultStores.inMemory();
        try (JobQueue queue = JobQueues.inMemory();
                Judge judge = Judge.builder().sandbox(echo()).jobQueue(queue).resultStore(store).build()) {
            assertThatThrownBy(() -> judge.submit(Submission.of("cobol", "x", List.of())))
                    .isInstanceOfSatisfying(InvalidSubmissionException.class,
                            e -> assertThat(e.field()).isEqualTo("languageId"));
            assertThatThrownBy(() -> judge.submit(submission("a"), null))
                    .isInstanceOfSatisfying(InvalidSubmissionException.class,
                            e -> assertThat(e.field()).isEqualTo("priority"));
            assertThat(queue.depth()).isZero();
            String id = judge.submit(submission("a"));
            assertThat(judge.result(id)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(Status.QUEUED));
            assertThat(queue.depth()).as("no worker: the job waits").isEqualTo(1);
        }
    }

    @Test
    void aQueueThatRefusesLeavesNoQueuedResultBehind() {
        ResultStore store = ResultStores.inMemory();
        JobQueue down = new ForwardingQueue(JobQueues.inMemory()) {
            @Override
            public void enqueue(JudgeJob job) {
                throw new QueueException("broker down", true);
            }
        };
        try (Judge judge = Judge.builder().sandbox(echo()).jobQueue(down).resultStore(store).build()) {
            List<String> ids = new CopyOnWriteArrayList<>();
            store.subscribe(r -> ids.add(r.submissionId()));
            assertThatThrownBy(() -> judge.submit(submission("a"))).isInstanceOf(QueueException.class);
            assertThat(ids).singleElement().satisfies(id -> assertThat(store.find(id)).isEmpty());
        }
    }

    @Test
    void submitAllQueuesEachWithItsOwnIdInOrder() throws Exception {
        ResultStore store = ResultStores.inMemory();
        try (JobQueue queue = JobQueues.inMemory();
                Judge judge = Judge.builder().sandbox(echo()).jobQueue(queue).resultStore(store).build()) {
            List<Submission> batch = List.of(submission("a"), submission("b", "c"), submission("d"));
            List<String> ids = judge.submitAll(batch);
            assertThat(ids).hasSize(3).doesNotHaveDuplicates(); // one millisecond: the order is in the list, not the ids
            for (String id : ids) {
                assertThat(judge.result(id)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(Status.QUEUED));
            }
            assertThat(queue.depth()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                JudgeJob job = queue.claim(Set.of(), Duration.ZERO).orElseThrow().job();
                assertThat(job.id()).isEqualTo(ids.get(i));
                assertThat(job.submission()).isEqualTo(batch.get(i));
            }
        }
    }

    @Test
    void submitAllChecksEverySubmissionBeforeAnythingIsStoredOrQueued() {
        ResultStore store = ResultStores.inMemory();
        List<String> stored = new CopyOnWriteArrayList<>();
        store.subscribe(r -> stored.add(r.submissionId()));
        try (JobQueue queue = JobQueues.inMemory();
                Judge judge = Judge.builder().sandbox(echo()).jobQueue(queue).resultStore(store).build()) {
            assertThatThrownBy(() -> judge.submitAll(List.of(submission("a"), Submission.of("cobol", "x", List.of()))))
                    .isInstanceOfSatisfying(InvalidSubmissionException.class,
                            e -> assertThat(e.field()).isEqualTo("languageId"));
            assertThatThrownBy(() -> judge.submitAll(null)).isInstanceOf(InvalidSubmissionException.class);
            assertThat(queue.depth()).isZero();
            assertThat(stored).isEmpty();
        }
    }

    @Test
    void aQueueThatRefusesABatchLeavesNoQueuedResultBehind() {
        ResultStore store = ResultStores.inMemory();
        JobQueue down = new ForwardingQueue(JobQueues.inMemory()) {
            @Override
            public void enqueueAll(List<JudgeJob> jobs) {
                throw new QueueException("broker down", true);
            }
        };
        try (Judge judge = Judge.builder().sandbox(echo()).jobQueue(down).resultStore(store).build()) {
            List<String> ids = new CopyOnWriteArrayList<>();
            store.subscribe(r -> ids.add(r.submissionId()));
            assertThatThrownBy(() -> judge.submitAll(List.of(submission("a"), submission("b"))))
                    .isInstanceOf(QueueException.class);
            assertThat(ids).hasSize(2).allSatisfy(id -> assertThat(store.find(id)).isEmpty());
        }
    }

    @Test
    void aWorkerNeedsAQueueAndAStore() {
        assertThatThrownBy(() -> Judge.builder().sandbox(echo()).worker(true).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("job queue");
    }

    @Test
    void aHostWithItsOwnLifecycleStartsTheJudgesWorkerWhenReady() throws Exception {
        ResultStore store = ResultStores.inMemory();
        try (JobQueue queue = JobQueues.inMemory();
                Judge judge = Judge.builder().sandbox(echo()).jobQueue(queue).resultStore(store)
                        .worker(w -> w.concurrency(1).claimWait(Duration.ofMillis(50))).startWorker(false).build()) {
            Worker worker = judge.worker().orElseThrow();
            assertThat(worker.isRunning()).isFalse();
            String id = judge.submit(submission("in0"));
            assertThat(judge.result(id).map(SubmissionResult::status)).hasValue(Status.QUEUED);
            worker.start();
            assertThat(worker.isRunning()).isTrue();
            assertThat(awaitFinished(judge, id).verdict()).isEqualTo(Verdict.ACCEPTED);
            judge.close();
            assertThat(worker.isRunning()).as("closing the judge drains its worker").isFalse();
        }
    }

    @Test
    void theResultSaysWhereTheTimeWentThroughTheQueueAndSynchronously() throws Exception {
        // Each run takes at least 40 ms in the sandbox, so the phases have something to measure.
        FakeSandbox slow = FakeSandbox.programs(r -> {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeSandbox.exited(0, new String(r.stdin(), StandardCharsets.UTF_8));
        });
        ResultStore store = ResultStores.inMemory();
        try (JobQueue queue = JobQueues.inMemory();
                Judge judge = Judge.builder().sandbox(slow).runSlots(2).jobQueue(queue).resultStore(store)
                        .worker(w -> w.concurrency(1)).startWorker(false).build()) {
            String id = judge.submit(submission("in0", "in1", "in2"));
            Thread.sleep(30); // queued for at least that long
            judge.worker().orElseThrow().start();
            PhaseTimes p = awaitFinished(judge, id).phases();
            assertThat(p.queued()).isGreaterThanOrEqualTo(Duration.ofMillis(30));
            assertThat(p.runs()).hasSize(3)
                    .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(40)));
            assertThat(p.compile()).isPositive();
            assertThat(p.storeWrites()).as("the check for an earlier final result").isPositive();
            // Three runs on two slots: at least two rounds of 40 ms after the wait in the queue.
            assertThat(p.total()).isGreaterThanOrEqualTo(p.queued().plus(Duration.ofMillis(80)));

            PhaseTimes sync = judge.judge(submission("in0", "in1")).phases();
            assertThat(sync.queued()).isZero();
            assertThat(sync.storeWrites()).isZero();
            assertThat(sync.runs()).hasSize(2);
            assertThat(sync.total()).isGreaterThanOrEqualTo(sync.slowestRun());
        }
    }

    @Test
    void aJudgeWithoutAWorkerHostsNone() {
        try (JobQueue queue = JobQueues.inMemory();
                Judge judge = Judge.builder().sandbox(echo()).jobQueue(queue).resultStore(ResultStores.inMemory())
                        .build()) {
            assertThat(judge.worker()).isEmpty();
        }
    }

    /** Delegates everything; tests override what they break. */
    private static class ForwardingQueue implements JobQueue {
        private final JobQueue d;

        ForwardingQueue(JobQueue d) {
            this.d = d;
        }

        @Override
        public void enqueue(JudgeJob job) {
            d.enqueue(job);
        }

        @Override
        public Optional<dev.judge.core.queue.ClaimedJob> claim(java.util.Set<String> languages, Duration maxWait)
                throws InterruptedException {
            return d.claim(languages, maxWait);
        }

        @Override
        public boolean ack(dev.judge.core.queue.ClaimedJob claimed) {
            return d.ack(claimed);
        }

        @Override
        public boolean release(dev.judge.core.queue.ClaimedJob claimed, String reason) {
            return d.release(claimed, reason);
        }

        @Override
        public boolean extend(dev.judge.core.queue.ClaimedJob claimed) {
            return d.extend(claimed);
        }

        @Override
        public long depth() {
            return d.depth();
        }

        @Override
        public List<dev.judge.core.queue.DeadLetter> deadLetters(int limit) {
            return d.deadLetters(limit);
        }

        @Override
        public boolean discardDeadLetter(String jobId) {
            return d.discardDeadLetter(jobId);
        }

        @Override
        public dev.judge.core.queue.QueuePolicy policy() {
            return d.policy();
        }
    }
}
