package dev.judge.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.Priority;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueueException;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.core.store.StoreException;
import dev.judge.internal.PayloadCodecTestData;
import dev.judge.internal.Wakeup;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** What callers see when Redis is unreachable, or when something is wrong that waiting will not fix. */
class RedisFailureTest {

    @Test
    void anUnreachableRedisGivesRetriableErrors() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free now, nothing listens on it afterwards
        }
        LettuceConnectionFactory f = TestRedis.factory(port);
        try {
            assertThatThrownBy(() -> RedisJudgeStorage.builder().connectionFactory(f).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot subscribe to Redis");
            // The queue and the store as a running node has them when Redis goes away.
            StringRedisTemplate t = new StringRedisTemplate(f);
            t.afterPropertiesSet();
            RedisJobQueue queue = new RedisJobQueue(t, "x:", QueuePolicy.defaults(), Duration.ofMillis(100),
                    new Wakeup(), "test");
            RedisResultStore store = new RedisResultStore(t, "x:", "node", Duration.ofDays(1));
            JudgeJob job = new JudgeJob("j1", PayloadCodecTestData.submission(), Priority.NORMAL, Instant.now());
            assertThatThrownBy(() -> queue.enqueue(job)).isInstanceOfSatisfying(QueueException.class,
                    e -> assertThat(e.isRetriable()).isTrue());
            assertThatThrownBy(() -> queue.claim(Set.of(), Duration.ZERO))
                    .isInstanceOfSatisfying(QueueException.class, e -> assertThat(e.isRetriable()).isTrue());
            assertThatThrownBy(() -> queue.depth())
                    .isInstanceOfSatisfying(QueueException.class, e -> assertThat(e.isRetriable()).isTrue());
            assertThatThrownBy(() -> store.save(SubmissionResult.queued("j1", Instant.now())))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetriable()).isTrue());
        } finally {
            f.destroy();
        }
    }

    @Test
    void aKeyOfTheWrongTypeIsNotRetriable() {
        LettuceConnectionFactory f = TestRedis.machine();
        String prefix = TestRedis.randomPrefix();
        try (RedisJudgeStorage storage = RedisJudgeStorage.builder().connectionFactory(f).keyPrefix(prefix).build()) {
            new StringRedisTemplate(f).opsForValue().set(prefix + "live", "not a set");
            JudgeJob job = new JudgeJob("j1", PayloadCodecTestData.submission(), Priority.NORMAL, Instant.now());
            assertThatThrownBy(() -> storage.jobQueue().enqueue(job)).isInstanceOfSatisfying(QueueException.class,
                    e -> assertThat(e.isRetriable()).isFalse());
        } finally {
            TestRedis.clean(f, prefix);
            f.destroy();
        }
    }

    @Test
    void theBuilderRefusesNonsense() {
        assertThatThrownBy(() -> RedisJudgeStorage.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connectionFactory");
        assertThatThrownBy(() -> RedisJudgeStorage.builder().keyPrefix("a b")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> RedisJudgeStorage.builder().resultRetention(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resultRetention");
    }
}
