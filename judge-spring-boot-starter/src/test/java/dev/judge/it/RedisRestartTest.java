package dev.judge.it;

import dev.judge.core.queue.JobQueue;
import dev.judge.core.store.ResultStore;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.redis.RedisJudgeStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A Redis of the test's own on port 6390 (the machine's Redis keeps no data on disk and serves others), with
 * an append-only file fsynced on every write; it is killed with SIGKILL, as in a crash, and started again on
 * the same directory.
 */
class RedisRestartTest extends BrokerRestartTestBase {
    private static final int PORT = 6390;

    @TempDir
    Path dir;

    private Process redis;
    private LettuceConnectionFactory factory;
    private RedisJudgeStorage storage;

    @BeforeEach
    void open() throws Exception {
        RequiredParts.require(Files.isExecutable(Path.of("/usr/bin/redis-server")), "redis-server in /usr/bin");
        RequiredParts.require(!RequiredParts.listening(PORT), "port " + PORT + " free for a test Redis");
        startBroker();
        factory = WorkerProcess.redis(PORT);
        storage = RedisJudgeStorage.builder().connectionFactory(factory).keyPrefix("judge-restart:")
                .policy(WorkerProcess.POLICY).pollInterval(Duration.ofMillis(100)).build();
    }

    @AfterEach
    void close() throws Exception {
        try {
            if (storage != null) {
                storage.close();
                factory.destroy();
            }
        } finally {
            stopBroker();
        }
    }

    @Override
    protected void stopBroker() throws Exception {
        if (redis != null) {
            redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            redis = null;
        }
    }

    @Override
    protected void startBroker() throws Exception {
        redis = new ProcessBuilder(List.of("/usr/bin/redis-server", "--port", String.valueOf(PORT), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!RequiredParts.listening(PORT)) {
            if (System.nanoTime() > deadline || !redis.isAlive()) {
                throw new IllegalStateException("test Redis did not start: " + Files.readString(dir.resolve("redis.out")));
            }
            Thread.sleep(50);
        }
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
        return "Redis (AOF, appendfsync always)";
    }
}
