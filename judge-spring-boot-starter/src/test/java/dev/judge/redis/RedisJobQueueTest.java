package dev.judge.redis;

import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.DeadLetter;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.core.queue.tck.JobQueueContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        return new ClosingStorage(storage);
    }

    /** The storage's queue; closing it closes the whole storage, as the TCK only knows the queue. */
    private record ClosingStorage(RedisJudgeStorage storage) implements JobQueue {
        @Override
        public void enqueue(JudgeJob job) {
            storage.jobQueue().enqueue(job);
        }

        @Override
        public Optional<ClaimedJob> claim(Set<String> languages, Duration maxWait) throws InterruptedException {
            return storage.jobQueue().claim(languages, maxWait);
        }

        @Override
        public boolean ack(ClaimedJob claimed) {
            return storage.jobQueue().ack(claimed);
        }

        @Override
        public boolean release(ClaimedJob claimed, String reason) {
            return storage.jobQueue().release(claimed, reason);
        }

        @Override
        public boolean extend(ClaimedJob claimed) {
            return storage.jobQueue().extend(claimed);
        }

        @Override
        public long depth() {
            return storage.jobQueue().depth();
        }

        @Override
        public List<DeadLetter> deadLetters(int limit) {
            return storage.jobQueue().deadLetters(limit);
        }

        @Override
        public QueuePolicy policy() {
            return storage.jobQueue().policy();
        }

        @Override
        public void close() {
            storage.close();
        }
    }
}
