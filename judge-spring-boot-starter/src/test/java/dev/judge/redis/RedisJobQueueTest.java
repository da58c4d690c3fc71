package dev.judge.redis;

import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.core.queue.tck.JobQueueContract;
import dev.judge.internal.StorageOwnedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

class RedisJobQueueTest extends JobQueueContract {
    private static final List<String> PREFIXES = Collections.synchronizedList(new ArrayList<>());
    private static LettuceConnectionFactory factory;

    @BeforeAll
    static void connect() {
        factory = TestRedis.machine();
    }

    @AfterAll
    static void cleanUp() {
        if (factory != null) {
            PREFIXES.forEach(p -> TestRedis.clean(factory, p));
            factory.destroy();
        }
    }

    /** Claimers poll every 100 ms and the machine's CPUs are shared: a little more room than in memory. */
    @Override
    protected Duration slack() {
        return Duration.ofMillis(2000);
    }

    @Override
    protected JobQueue createQueue(QueuePolicy policy) {
        String prefix = TestRedis.randomPrefix();
        PREFIXES.add(prefix);
        RedisJudgeStorage storage = RedisJudgeStorage.builder().connectionFactory(factory).keyPrefix(prefix)
                .policy(policy).pollInterval(Duration.ofMillis(100)).build();
        return new StorageOwnedQueue(storage.jobQueue(), storage);
    }
}
