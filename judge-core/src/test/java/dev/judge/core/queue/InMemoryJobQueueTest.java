package dev.judge.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.Priority;
import dev.judge.core.queue.tck.JobQueueContract;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryJobQueueTest extends JobQueueContract {

    @Override
    protected JobQueue createQueue(QueuePolicy policy) {
        return JobQueues.inMemory(policy);
    }

    @Test
    void keepsOnlyTheNewestDeadLetters() throws Exception {
        JobQueue q = open(new QueuePolicy(Duration.ofSeconds(60), 1, Duration.ZERO, Duration.ZERO));
        int n = InMemoryJobQueue.DEAD_LETTERS_KEPT + 5;
        String last = null;
        for (int i = 0; i < n; i++) {
            JudgeJob j = job("c", Priority.NORMAL);
            q.enqueue(j);
            assertThat(q.release(q.claim(Set.of(), Duration.ZERO).orElseThrow(), "broken " + i)).isTrue();
            last = j.id();
        }
        assertThat(q.deadLetters(Integer.MAX_VALUE)).hasSize(InMemoryJobQueue.DEAD_LETTERS_KEPT);
        assertThat(q.deadLetters(1).get(0).job().id()).isEqualTo(last);
        assertThat(q.deadLetters(Integer.MAX_VALUE).get(InMemoryJobQueue.DEAD_LETTERS_KEPT - 1).reason())
                .isEqualTo("broken 5");
    }

    @Test
    void closingEndsWaitingClaimsAndRefusesFurtherWork() throws Exception {
        JobQueue q = open(QueuePolicy.defaults());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiting = pool.submit(() -> q.claim(Set.of(), Duration.ofSeconds(30)));
            Thread.sleep(200);
            q.close();
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(QueueException.class);
        } finally {
            pool.shutdownNow();
        }
        assertThatThrownBy(() -> q.enqueue(job())).isInstanceOfSatisfying(QueueException.class,
                e -> assertThat(e.isRetriable()).isFalse());
    }

    @Test
    void refusesAMissingPolicy() {
        assertThatThrownBy(() -> JobQueues.inMemory(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("policy");
    }
}
