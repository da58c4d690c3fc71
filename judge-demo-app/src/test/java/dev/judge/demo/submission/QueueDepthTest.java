package dev.judge.demo.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Priority;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.queue.JudgeJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sampled queue depth on a real in-memory queue and a hand-moved clock. */
class QueueDepthTest {
    private final JobQueue queue = JobQueues.inMemory();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private void enqueue(int n) {
        for (int i = 0; i < n; i++) {
            queue.enqueue(new JudgeJob(UUID.randomUUID().toString(), Submission.of("c", "int main(){}",
                    List.of(TestCase.of("1", "", ""))), Priority.NORMAL, Instant.now()));
        }
    }

    @Test
    void aDepthIsReusedWithinTheRefreshIntervalAndReadAgainAfterIt() {
        QueueDepth depth = new QueueDepth(queue, Duration.ofMillis(100), nanos::get);
        enqueue(3);
        assertThat(depth.current()).isEqualTo(3);
        enqueue(2);
        nanos.addAndGet(Duration.ofMillis(99).toNanos());
        assertThat(depth.current()).as("within the interval").isEqualTo(3);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(depth.current()).as("after it").isEqualTo(5);
    }

    @Test
    void aZeroIntervalReadsEveryTime() {
        QueueDepth depth = new QueueDepth(queue, Duration.ZERO, nanos::get);
        assertThat(depth.current()).isZero();
        enqueue(1);
        assertThat(depth.current()).isEqualTo(1);
        enqueue(1);
        assertThat(depth.current()).isEqualTo(2);
    }
}
