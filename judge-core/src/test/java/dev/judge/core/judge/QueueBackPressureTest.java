package dev.judge.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.JudgeBusyException;
import dev.judge.core.QueueFullException;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.store.ResultStore;
import dev.judge.core.store.ResultStores;
import dev.judge.core.testsupport.FakeSandbox;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * submit() refuses while the job queue is at the judge's bound, on a real in-memory queue, a hand-moved clock and
 * a background executor run by hand, so each test decides when the depth is read again.
 */
class QueueBackPressureTest {
    private static final Duration REFRESH = Duration.ofMillis(100);

    private final JobQueue queue = JobQueues.inMemory();
    private final ResultStore store = ResultStores.inMemory();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<Judge> judges = new ArrayList<>();

    /** The in-memory queue, counting depth reads. */
    private final JobQueue observed = (JobQueue) Proxy.newProxyInstance(JobQueue.class.getClassLoader(),
            new Class<?>[] {JobQueue.class}, (proxy, method, args) -> {
                if (method.getName().equals("depth")) {
                    reads.incrementAndGet();
                }
                return method.invoke(queue, args);
            });

    private Judge judge(long maxDepth, Duration refresh) {
        store.subscribe(r -> stored.add(r.submissionId()));
        Judge.Builder b = Judge.builder().sandbox(FakeSandbox.programs(r -> FakeSandbox.exited(0, "")))
                .jobQueue(observed).resultStore(store).maxQueueDepth(maxDepth).queueDepthRefresh(refresh);
        b.ticker = nanos::get;
        b.depthRefresher = background::add;
        Judge judge = b.build();
        judges.add(judge);
        return judge;
    }

    @AfterEach
    void close() {
        judges.forEach(Judge::close);
        queue.close();
    }

    private static Submission submission() {
        return Submission.of("cpp", "int main(){}", List.of(TestCase.of("t", "", "")));
    }

    private void runBackground() {
        Runnable r;
        while ((r = background.poll()) != null) {
            r.run();
        }
    }

    @Test
    void acceptsBelowTheBoundAndRefusesAtItWithNothingStoredOrQueued() {
        Judge judge = judge(2, Duration.ZERO);
        judge.submit(submission());
        judge.submit(submission());
        assertThatThrownBy(() -> judge.submit(submission())).isInstanceOfSatisfying(QueueFullException.class, e -> {
            assertThat(e.depth()).isEqualTo(2);
            assertThat(e.maxDepth()).isEqualTo(2);
            assertThat(e).isInstanceOf(JudgeBusyException.class).hasMessageContaining("2 jobs");
        });
        assertThatThrownBy(() -> judge.submitAll(List.of(submission()))).isInstanceOf(QueueFullException.class);
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(stored).hasSize(2);
    }

    @Test
    void theBoundIsOnTheDepthBeforeTheCallSoABatchBelowItIsTakenWhole() {
        Judge judge = judge(3, Duration.ZERO);
        assertThat(judge.submitAll(List.of(submission(), submission()))).hasSize(2);
        assertThat(judge.submitAll(List.of(submission(), submission()))).hasSize(2);
        assertThat(queue.depth()).isEqualTo(4);
        assertThatThrownBy(() -> judge.submit(submission())).isInstanceOf(QueueFullException.class);
    }

    @Test
    void aSubmitAnswersWithTheLastDepthWhileTheNextIsReadInTheBackground() {
        Judge judge = judge(3, REFRESH);
        judge.submit(submission());
        assertThat(reads).as("the first read is the submitter's").hasValue(1);
        judge.submit(submission());
        judge.submit(submission());
        assertThat(reads).as("within the interval nobody reads").hasValue(1);
        assertThat(queue.depth()).isEqualTo(3);
        reads.set(0);

        nanos.addAndGet(REFRESH.toNanos() + 1);
        judge.submit(submission());
        assertThat(reads).as("the submit did not wait for the read").hasValue(0);
        assertThat(background).as("the read waits for the background thread").isNotEmpty();

        runBackground();
        assertThat(reads).hasValue(1);
        assertThatThrownBy(() -> judge.submit(submission())).isInstanceOfSatisfying(QueueFullException.class,
                e -> assertThat(e.depth()).isEqualTo(4));
    }

    @Test
    void noBoundReadsNoDepth() {
        Judge judge = judge(0, REFRESH);
        for (int i = 0; i < 5; i++) {
            judge.submit(submission());
        }
        assertThat(reads).hasValue(0);
        assertThat(background).isEmpty();
    }

    @Test
    void theBuilderChecksTheBound() {
        assertThatThrownBy(() -> Judge.builder().maxQueueDepth(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxQueueDepth");
        assertThatThrownBy(() -> Judge.builder().queueDepthRefresh(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueDepthRefresh");
        assertThatThrownBy(() -> Judge.builder().sandbox(FakeSandbox.programs(r -> FakeSandbox.exited(0, "")))
                .maxQueueDepth(5).build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("jobQueue");
    }
}
