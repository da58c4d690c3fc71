package dev.judge.it;

import com.zaxxer.hikari.HikariDataSource;
import dev.judge.core.model.Priority;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.jdbc.JdbcJudgeStorage;
import dev.judge.redis.RedisJudgeStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Enqueue and claim-plus-ack throughput of the queue adapters. Run with
 * {@code ./mvnw -B -ntp -pl judge-spring-boot-starter -am -Pqueue-bench -DskipTests verify}; system properties
 * {@code judge.bench.backends} (default {@code h2,postgresql,redis}), {@code judge.bench.jobs} (default 5000)
 * and {@code judge.bench.threads} (default 4). Each backend runs in a fresh schema or key prefix, removed after.
 */
public final class QueueBenchmark {
    private static final QueuePolicy POLICY = new QueuePolicy(Duration.ofMinutes(5), 3, Duration.ofSeconds(1),
            Duration.ofSeconds(10));

    private QueueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] backends = System.getProperty("judge.bench.backends", "h2,postgresql,redis").split(",");
        int jobs = Integer.getInteger("judge.bench.jobs", 5000);
        int threads = Integer.getInteger("judge.bench.threads", 4);
        Submission submission = Submission.of("c", "int main(){int a,b;scanf(\"%d%d\",&a,&b);printf(\"%d\\n\",a+b);}",
                List.of(TestCase.of("1", "1 2\n", "3\n"), TestCase.of("2", "5 7\n", "12\n")));
        System.out.printf("%d jobs, %d threads, %d CPUs%n", jobs, threads, Runtime.getRuntime().availableProcessors());
        System.out.println("| backend | enqueue (jobs/s) | claim + ack (jobs/s) |");
        System.out.println("| --- | ---: | ---: |");
        for (String backend : backends) {
            switch (backend.trim()) {
                case "h2" -> jdbc("H2 (in memory)", "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa", jobs, threads, submission);
                case "postgresql" -> jdbc("PostgreSQL 127.0.0.1", "jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                        jobs, threads, submission);
                case "redis" -> redis(jobs, threads, submission);
                default -> throw new IllegalArgumentException("unknown backend " + backend);
            }
        }
    }

    private static void jdbc(String name, String url, String user, int jobs, int threads, Submission s)
            throws Exception {
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (HikariDataSource ds = WorkerProcess.pool(url, user, threads + 2)) {
            try (JdbcJudgeStorage storage = JdbcJudgeStorage.builder().dataSource(ds).schema(schema).policy(POLICY)
                    .build()) {
                run(name, storage.jobQueue(), jobs, threads, s);
            } finally {
                new JdbcTemplate(ds).execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
    }

    private static void redis(int jobs, int threads, Submission s) throws Exception {
        String prefix = "judge-bench:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        LettuceConnectionFactory f = WorkerProcess.redis(6379);
        try (RedisJudgeStorage storage = RedisJudgeStorage.builder().connectionFactory(f).keyPrefix(prefix)
                .policy(POLICY).build()) {
            run("Redis 127.0.0.1", storage.jobQueue(), jobs, threads, s);
        } finally {
            StringRedisTemplate t = new StringRedisTemplate(f);
            List<String> keys = new ArrayList<>();
            try (Cursor<String> c = t.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
                c.forEachRemaining(keys::add);
            }
            if (!keys.isEmpty()) {
                t.delete(keys);
            }
            f.destroy();
        }
    }

    private static void run(String name, JobQueue queue, int jobs, int threads, Submission s) throws Exception {
        // Warm-up: the JIT and the connection pool, then measure on an empty queue.
        cycle(queue, Math.min(500, jobs), threads, s);
        long[] nanos = cycle(queue, jobs, threads, s);
        System.out.printf("| %s | %,.0f | %,.0f |%n", name, jobs / (nanos[0] / 1e9), jobs / (nanos[1] / 1e9));
    }

    private static long[] cycle(JobQueue queue, int jobs, int threads, Submission s) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < jobs) {
                        queue.enqueue(new JudgeJob("bench-" + i + "-" + UUID.randomUUID(), s,
                                Priority.values()[i % 3], Instant.now()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            long enqueue = System.nanoTime() - start;
            AtomicInteger done = new AtomicInteger();
            start = System.nanoTime();
            fs.clear();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    while (done.get() < jobs) {
                        Optional<ClaimedJob> c = queue.claim(Set.of(), Duration.ZERO);
                        if (c.isPresent()) {
                            if (!queue.ack(c.get())) {
                                throw new IllegalStateException("ack refused for " + c.get().job().id());
                            }
                            done.incrementAndGet();
                        } else if (queue.depth() == 0) {
                            break;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            long claim = System.nanoTime() - start;
            if (done.get() != jobs) {
                throw new IllegalStateException("claimed " + done.get() + " of " + jobs);
            }
            return new long[] {enqueue, claim};
        } finally {
            pool.shutdownNow();
        }
    }
}
