package dev.judge.it;

import com.zaxxer.hikari.HikariDataSource;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.store.ResultStore;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.jdbc.JdbcJudgeStorage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;

class PostgresWorkerProcessTest extends WorkerProcessTestBase {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private HikariDataSource ds;
    private String schema;
    private JdbcJudgeStorage storage;

    @BeforeEach
    void open() {
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432");
        ds = WorkerProcess.pool(URL, "postgres", 4);
        schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        storage = JdbcJudgeStorage.builder().dataSource(ds).schema(schema).policy(WorkerProcess.POLICY)
                .pollInterval(Duration.ofMillis(100)).build();
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
            new JdbcTemplate(ds).execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            ds.close();
        }
    }

    @Override
    protected List<String> backendArgs() {
        return List.of("jdbc", URL, "postgres", schema);
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
        return "PostgreSQL";
    }
}
