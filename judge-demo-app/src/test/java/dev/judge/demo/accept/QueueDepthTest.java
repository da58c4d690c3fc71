package dev.judge.demo.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.Priority;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.queue.JudgeJob;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The sampled queue depth on a real in-memory queue, a hand-moved clock and a background executor run by hand, so
 * each test decides when the background read happens.
 */
class QueueDepthTest {
    private static final Duration REFRESH = Duration.ofMillis(100);
    private static final Duration PAST_REFRESH = REFRESH.plusNanos(1);

    private final JobQueue queue = JobQueues.inMemory();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final Executor byHand = background::add;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();

    /** The in-memory queue, counting depth reads and failing them on demand (a database gone away). */
    private final JobQueue observed = (JobQueue) Proxy.newProxyInstance(JobQueue.class.getClassLoader(),
            new Class<?>[] {JobQueue.class}, (proxy, method, args) -> {
                if (method.getName().equals("depth")) {
                    reads.incrementAndGet();
                    if (failing.get()) {
                        throw new IllegalStateException("queue store unreachable");
                    }
                }
                return method.invoke(queue, args);
            });

    private void enqueue(int n) {
        for (int i = 0; i < n; i++) {
            queue.enqueue(new JudgeJob(UUID.randomUUID().toString(), Submission.of("c", "int main(){}",
                    List.of(TestCase.of("1", "", ""))), Priority.NORMAL, Instant.now()));
        }
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private void runBackground() {
        Runnable r;
        while ((r = background.poll()) != null) {
            r.run();
        }
    }

    @Test
    void theFirstReadIsMadeByTheCallerAndReusedWithinTheInterval() {
        QueueDepth depth = new QueueDepth(observed, REFRESH, nanos::get, byHand);
        enqueue(3);
        assertThat(depth.current()).isEqualTo(3);
        enqueue(2);
        advance(Duration.ofMillis(99));
        assertThat(depth.current()).as("within the interval").isEqualTo(3);
        runBackground();
        assertThat(reads).as("no read in the background either").hasValue(1);
    }

    @Test
    void afterTheIntervalTheCallerGetsTheLastValueAndTheNextIsReadInTheBackground() {
        QueueDepth depth = new QueueDepth(observed, REFRESH, nanos::get, byHand);
        enqueue(3);
        assertThat(depth.current()).isEqualTo(3);
        enqueue(2);
        advance(PAST_REFRESH);
        assertThat(depth.current()).as("answered without waiting for the read").isEqualTo(3);
        assertThat(depth.current()).isEqualTo(3);
        assertThat(reads).as("no request read it").hasValue(1);
        runBackground();
        assertThat(reads).as("one background read for both calls").hasValue(2);
        assertThat(depth.current()).isEqualTo(5);
    }

    @Test
    void aValueNotRefreshedForTenIntervalsIsReadByTheCaller() {
        QueueDepth depth = new QueueDepth(observed, REFRESH, nanos::get, byHand);
        assertThat(depth.current()).isZero();
        enqueue(4);
        advance(REFRESH.multipliedBy(QueueDepth.STALE_INTERVALS));
        assertThat(depth.current()).as("too old to answer with").isEqualTo(4);
    }

    @Test
    void aFailedBackgroundReadKeepsTheLastValueUntilItIsTooOldThenTheCallerSeesTheFailure() {
        QueueDepth depth = new QueueDepth(observed, REFRESH, nanos::get, byHand);
        enqueue(2);
        assertThat(depth.current()).isEqualTo(2);
        failing.set(true);
        advance(PAST_REFRESH);
        assertThat(depth.current()).isEqualTo(2);
        runBackground();
        assertThat(reads).hasValue(2);
        assertThat(depth.current()).as("the failed read left the value").isEqualTo(2);
        advance(REFRESH.multipliedBy(QueueDepth.STALE_INTERVALS));
        assertThatThrownBy(depth::current).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unreachable");
        failing.set(false);
        assertThat(depth.current()).as("read again once the store is back").isEqualTo(2);
    }

    @Test
    void aZeroIntervalReadsEveryTimeOnTheCaller() {
        QueueDepth depth = new QueueDepth(observed, Duration.ZERO, nanos::get, byHand);
        assertThat(depth.current()).isZero();
        enqueue(1);
        assertThat(depth.current()).isEqualTo(1);
        enqueue(1);
        assertThat(depth.current()).isEqualTo(2);
        runBackground();
        assertThat(reads).hasValue(3);
    }
}
