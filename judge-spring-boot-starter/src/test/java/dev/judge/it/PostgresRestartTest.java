package dev.judge.it;

import com.zaxxer.hikari.HikariDataSource;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.store.ResultStore;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.jdbc.JdbcJudgeStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stops and starts the machine's PostgreSQL cluster (about two seconds down), and makes sure it runs again. */
class PostgresRestartTest extends BrokerRestartTestBase {
    private HikariDataSource ds;
    private String schema;
    private JdbcJudgeStorage storage;
    private String version;

    @BeforeEach
    void open() throws IOException {
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432");
        RequiredParts.require(Files.isDirectory(Path.of("/etc/postgresql")),
                "a Debian PostgreSQL cluster (/etc/postgresql) to restart with pg_ctlcluster");
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
        RequiredParts.require(RequiredParts.isRoot(), "root, to restart the PostgreSQL cluster");
        ds = WorkerProcess.pool(PostgresWorkerProcessTest.URL, "postgres", 8);
        schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        storage = JdbcJudgeStorage.builder().dataSource(ds).schema(schema).policy(WorkerProcess.POLICY)
                .pollInterval(Duration.ofMillis(100)).build();
    }

    @AfterEach
    void close() throws Exception {
        try {
            startBroker(); // whatever happened, leave the machine's database running
        } finally {
            if (storage != null) {
                storage.close();
                new JdbcTemplate(ds).execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
                ds.close();
            }
        }
    }

    @Override
    protected void stopBroker() throws Exception {
        pgCtl("stop");
    }

    @Override
    protected void startBroker() throws Exception {
        if (version != null && !RequiredParts.listening(5432)) {
            pgCtl("start");
        }
    }

    private void pgCtl(String action) throws Exception {
        Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_ctlcluster " + action + " failed: " + out);
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
        return "PostgreSQL";
    }
}
