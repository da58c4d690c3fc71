package dev.judge.jdbc;

import com.zaxxer.hikari.HikariDataSource;
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

/** The Queue TCK on a JDBC database; every queue gets a schema of its own. */
abstract class JdbcJobQueueTestBase extends JobQueueContract {
    static final List<String> SCHEMAS = Collections.synchronizedList(new ArrayList<>());
    static HikariDataSource ds;

    @AfterAll
    static void dropSchemas() {
        for (String s : SCHEMAS) {
            TestDatabases.dropSchema(ds, s);
        }
        SCHEMAS.clear();
        if (ds != null) {
            ds.close();
            ds = null;
        }
    }

    /** Claimers poll every 100 ms and the machine's CPUs are shared: a little more room than in memory. */
    @Override
    protected Duration slack() {
        return Duration.ofMillis(2000);
    }

    @Override
    protected JobQueue createQueue(QueuePolicy policy) {
        String schema = TestDatabases.randomSchema();
        SCHEMAS.add(schema);
        JdbcJudgeStorage storage = JdbcJudgeStorage.builder().dataSource(ds).schema(schema).policy(policy)
                .pollInterval(Duration.ofMillis(100)).build();
        return new ClosingStorage(storage);
    }

    /** The storage's queue; closing it closes the whole storage, as the TCK only knows the queue. */
    private record ClosingStorage(JdbcJudgeStorage storage) implements JobQueue {
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
