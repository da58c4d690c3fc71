package dev.judge.jdbc;

import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.internal.AdapterRules;
import dev.judge.core.store.ResultStore;
import dev.judge.internal.Wakeup;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job queue and result store on a relational database: PostgreSQL for deployments of several nodes,
 * H2 for a single embedded node. All tables live in one schema of their own, created and migrated by Flyway
 * when {@link Builder#migrate(boolean)} is on (the default).
 *
 * <p>On PostgreSQL one connection of the data source is held for {@code LISTEN}, so workers wake as soon as a
 * job arrives and result listeners hear of other nodes' writes at once; polling every
 * {@link Builder#pollInterval(Duration)} covers expired leases, backoffs, H2, and the time that connection is
 * down.
 *
 * <p>Dead letters are kept until deleted from {@code judge_dead_letters}. {@link Builder#build()} needs the
 * database reachable (it reads the database type and migrates).
 *
 * <pre>{@code
 * try (JdbcJudgeStorage storage = JdbcJudgeStorage.builder().dataSource(ds).schema("judge").build()) {
 *     JobQueue queue = storage.jobQueue();
 *     ResultStore results = storage.resultStore();
 * }
 * }</pre>
 */
public final class JdbcJudgeStorage implements AutoCloseable {
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

    private final PgNotifications notifications;
    private final JdbcJobQueue queue;
    private final JdbcResultStore store;

    private JdbcJudgeStorage(Builder b) {
        Dialect dialect = Dialect.of(b.dataSource);
        if (b.migrate) {
            migrate(b.dataSource, dialect, b.schema);
        }
        JdbcTemplate jdbc = new JdbcTemplate(b.dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(b.dataSource));
        Wakeup wakeup = new Wakeup();
        String node = UUID.randomUUID().toString();
        if (dialect == Dialect.POSTGRESQL) {
            notifications = new PgNotifications(b.dataSource, b.schema,
                    List.of(jobChannel(b.schema), resultChannel(b.schema)));
            notifications.onNotification(jobChannel(b.schema), language -> wakeup.signal());
            notifications.onReconnect(wakeup::signal);
        } else {
            notifications = null;
        }
        store = new JdbcResultStore(jdbc, dialect, b.schema, node, b.pollInterval, notifications);
        queue = new JdbcJobQueue(jdbc, tx, dialect, b.schema, b.policy, b.pollInterval, wakeup, store);
        if (notifications != null) {
            notifications.start();
        }
    }

    /** Starts a configuration; only the data source is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The job queue; shared by every caller of this storage. */
    public JobQueue jobQueue() {
        return queue;
    }

    /** The result store; shared by every caller of this storage. */
    public ResultStore resultStore() {
        return store;
    }

    /** Stops the listener connection and the background threads. Does not close the data source. */
    @Override
    public void close() {
        queue.close();
        store.close();
        if (notifications != null) {
            notifications.close();
        }
    }

    static String jobChannel(String schema) {
        return "judge_jobs_" + schema;
    }

    static String resultChannel(String schema) {
        return "judge_results_" + schema;
    }

    private static void migrate(DataSource dataSource, Dialect dialect, String schema) {
        Flyway.configure(JdbcJudgeStorage.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table("judge_schema_history")
                .locations("classpath:db/judge/" + dialect.folder)
                .placeholderReplacement(false)
                .load()
                .migrate();
    }

    /** Configuration of a {@link JdbcJudgeStorage}. */
    public static final class Builder {
        private DataSource dataSource;
        private String schema = "judge";
        private QueuePolicy policy = QueuePolicy.defaults();
        private Duration pollInterval = Duration.ofMillis(500);
        private boolean migrate = true;

        private Builder() {
        }

        /** The database; required. A pooled data source is recommended. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The schema holding the judge's tables, default {@code judge}: lower-case letters, digits and
         * underscores, at most 40 characters (it also names the NOTIFY channels).
         */
        public Builder schema(String schema) {
            Objects.requireNonNull(schema, "schema");
            if (!SCHEMA.matcher(schema).matches()) {
                throw new IllegalArgumentException("schema must match " + SCHEMA.pattern() + ", was '" + schema + "'");
            }
            this.schema = schema;
            return this;
        }

        /** Lease, attempts and backoff of the queue; default {@link QueuePolicy#defaults()}. */
        public Builder policy(QueuePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How often idle claimers and result listeners look for work they were not told about; default 500 ms. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = AdapterRules.pollInterval(pollInterval);
            return this;
        }

        /** Whether to create and migrate the schema with Flyway on build; default true. */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Connects, migrates the schema when asked, and starts listening.
         *
         * @throws IllegalStateException when the data source is missing or the database cannot be reached
         */
        public JdbcJudgeStorage build() {
            if (dataSource == null) {
                throw new IllegalStateException("dataSource is required");
            }
            return new JdbcJudgeStorage(this);
        }
    }
}
