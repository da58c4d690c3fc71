package dev.judge.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.core.store.ResultStore;
import dev.judge.core.queue.tck.JobQueueContract;
import dev.judge.internal.StorageOwnedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        return new StorageOwnedQueue(storage.jobQueue(), storage);
    }

    /** The storage's own store: completing a job then takes the one-transaction path. */
    @Override
    protected ResultStore resultStoreOf(JobQueue queue) {
        return ((JdbcJudgeStorage) ((StorageOwnedQueue) queue).storage()).resultStore();
    }
}
