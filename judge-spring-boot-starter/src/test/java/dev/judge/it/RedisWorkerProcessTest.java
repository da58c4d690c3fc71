package dev.judge.it;

import dev.judge.core.queue.JobQueue;
import dev.judge.core.store.ResultStore;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.redis.RedisJudgeStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisWorkerProcessTest extends WorkerProcessTestBase {
    private LettuceConnectionFactory factory;
    private String prefix;
    private RedisJudgeStorage storage;

    @BeforeEach
    void open() {
        RequiredParts.require(RequiredParts.listening(6379), "Redis on 127.0.0.1:6379");
        factory = WorkerProcess.redis(6379);
        prefix = "judge-test:" + UUID.randomUUID().toString().substring(0, 13) + ":";
        storage = RedisJudgeStorage.builder().connectionFactory(factory).keyPrefix(prefix)
                .policy(WorkerProcess.POLICY).pollInterval(Duration.ofMillis(100)).build();
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
            StringRedisTemplate t = new StringRedisTemplate(factory);
            List<String> keys = new ArrayList<>();
            try (Cursor<String> c = t.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
                c.forEachRemaining(keys::add);
            }
            if (!keys.isEmpty()) {
                t.delete(keys);
            }
            factory.destroy();
        }
    }

    @Override
    protected List<String> backendArgs() {
        return List.of("redis", "6379", prefix);
    }

    @Override
    protected JobQueue queue() {
        return storage.jobQueue();
    }

    @Override
    protected ResultStore store() {
        return storage.resultStore();
    }

    @Override
    protected String backendName() {
        return "Redis";
    }
}
