package dev.judge.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Priority;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.JudgeJob;
import dev.judge.internal.PayloadCodecTestData;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Two nodes on one prefix with polling so slow that only pub/sub can explain a prompt wake-up. */
class RedisNotifyTest {
    private LettuceConnectionFactory factory;
    private String prefix;
    private RedisJudgeStorage a;
    private RedisJudgeStorage b;

    @BeforeEach
    void open() {
        factory = TestRedis.machine();
        prefix = TestRedis.randomPrefix();
        a = RedisJudgeStorage.builder().connectionFactory(factory).keyPrefix(prefix)
                .pollInterval(Duration.ofSeconds(30)).build();
        b = RedisJudgeStorage.builder().connectionFactory(factory).keyPrefix(prefix)
                .pollInterval(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void close() {
        if (a != null) {
            a.close();
            b.close();
            TestRedis.clean(factory, prefix);
            factory.destroy();
        }
    }

    @Test
    void aClaimWaitingOnOneNodeWakesWhenAnotherEnqueues() throws Exception {
        JudgeJob job = job();
        assertWokenBy(() -> b.jobQueue().enqueue(job), job);
    }

    @Test
    void aClaimWaitingOnOneNodeWakesWhenAnotherEnqueuesSeveralAtOnce() throws Exception {
        JudgeJob first = job();
        assertWokenBy(() -> b.jobQueue().enqueueAll(List.of(first, job(), job())), first);
    }

    private void assertWokenBy(Runnable enqueue, JudgeJob expected) throws Exception {
        Thread.sleep(500); // both subscriptions set up
        CompletableFuture<Optional<ClaimedJob>> claim = CompletableFuture.supplyAsync(() -> {
            try {
                return a.jobQueue().claim(Set.of(), Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        long start = System.nanoTime();
        enqueue.run();
        Optional<ClaimedJob> got = claim.get(20, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(got).hasValueSatisfying(c -> assertThat(c.job()).isEqualTo(expected));
    }

    private static JudgeJob job() {
        return new JudgeJob("n-" + UUID.randomUUID(), PayloadCodecTestData.submission(), Priority.NORMAL,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
