package dev.judge.jdbc;

import dev.judge.core.model.SubmissionResult;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.DeadLetter;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.core.store.ResultStore;
import dev.judge.internal.PayloadCodec;
import dev.judge.internal.PollingJobQueue;
import dev.judge.internal.Wakeup;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job queue in two tables. A job is claimable once {@code available_at} has passed; claiming leases it by
 * moving {@code available_at} to the lease's end, so an expired lease makes the job claimable again with no
 * sweeper. Claims lock with {@code FOR UPDATE SKIP LOCKED}, so concurrent workers never wait on each other.
 */
final class JdbcJobQueue extends PollingJobQueue {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcJobQueue.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Dialect dialect;
    private final String jobs;
    private final String dead;
    private final String jobCount;
    private final String insert;
    /** The result store of the same storage: its writes join this queue's transactions. */
    private final ResultStore results;

    JdbcJobQueue(JdbcTemplate jdbc, TransactionTemplate tx, Dialect dialect, String schema, QueuePolicy policy,
            Duration pollInterval, Wakeup wakeup, ResultStore results) {
        super(policy, pollInterval, wakeup);
        this.results = results;
        this.jdbc = jdbc;
        this.tx = tx;
        this.dialect = dialect;
        this.jobs = "\"" + schema + "\".judge_jobs";
        this.dead = "\"" + schema + "\".judge_dead_letters";
        this.jobCount = dialect.jobCount(schema);
        this.insert = "INSERT INTO " + jobs + " (id, priority, language_id, enqueued_at, available_at, payload)"
                + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP, ?)"
                + (dialect == Dialect.POSTGRESQL ? " ON CONFLICT (id) DO NOTHING" : "");
    }

    @Override
    public void enqueue(JudgeJob job) {
        Objects.requireNonNull(job, "job");
        checkOpen();
        Object[] args = insertArgs(job);
        call("enqueue " + job.id(), () -> {
            try {
                return jdbc.update(insert, args);
            } catch (DuplicateKeyException e) {
                return 0; // H2 (PostgreSQL has ON CONFLICT): the id is already waiting or leased, nothing to do
            }
        });
        AfterCommit.run(this::wakeClaimers);
    }

    /** On PostgreSQL one batch (one round trip); H2 runs in this process and takes them one by one. */
    @Override
    public void enqueueAll(List<JudgeJob> all) {
        Objects.requireNonNull(all, "jobs");
        if (dialect != Dialect.POSTGRESQL || all.size() < 2) {
            super.enqueueAll(all);
            return;
        }
        checkOpen();
        List<Object[]> args = new ArrayList<>(all.size());
        for (JudgeJob job : all) {
            args.add(insertArgs(Objects.requireNonNull(job, "jobs must not hold null")));
        }
        call("enqueue " + all.size() + " jobs", () -> jdbc.batchUpdate(insert, args));
        AfterCommit.run(this::wakeClaimers);
    }

    private static Object[] insertArgs(JudgeJob job) {
        return new Object[] {job.id(), job.priority().ordinal(), job.languageId(),
                OffsetDateTime.ofInstant(job.enqueuedAt(), ZoneOffset.UTC), PayloadCodec.jobToJson(job)};
    }

    @Override
    protected Optional<ClaimedJob> tryClaim(List<String> languages) {
        return call("claim", () -> tx.execute(s -> claimOne(languages)));
    }

    private Optional<ClaimedJob> claimOne(List<String> languages) {
        String filter = " WHERE available_at <= CURRENT_TIMESTAMP" + (languages.isEmpty() ? ""
                : " AND language_id IN (" + "?,".repeat(languages.size() - 1) + "?)");
        String order = " ORDER BY priority, enqueued_at, seq";
        String columns = "SELECT id, attempt, last_error, payload, CURRENT_TIMESTAMP AS db_now FROM " + jobs;
        while (true) {
            List<Row> rows;
            if (dialect == Dialect.POSTGRESQL) {
                rows = jdbc.query(columns + filter + order + " LIMIT 1 FOR UPDATE SKIP LOCKED", (rs, i) -> Row.of(rs),
                        languages.toArray());
            } else {
                rows = lockFirstH2(columns, filter, order, languages);
            }
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Row row = rows.get(0);
            if (row.attempt >= policy().maxAttempts()) {
                // Delivered as often as allowed and the last lease ran out too: its worker likely died on it.
                toDeadLetters(row.id, row.attempt, "lease expired after " + row.attempt + " deliveries"
                        + (row.lastError == null ? "" : "; last failure: " + row.lastError), row.payload, row.dbNow);
                continue;
            }
            JudgeJob job;
            try {
                job = PayloadCodec.jobFromJson(row.payload);
            } catch (RuntimeException e) {
                LOG.error("job {} has an unreadable payload; moving it to the dead letters", row.id, e);
                toDeadLetters(row.id, row.attempt, "unreadable payload: " + e.getMessage(), row.payload, row.dbNow);
                continue;
            }
            int attempt = row.attempt + 1;
            String leaseId = UUID.randomUUID().toString();
            OffsetDateTime expires = row.dbNow.plus(policy().visibilityTimeout());
            jdbc.update("UPDATE " + jobs + " SET lease_id = ?, attempt = ?, available_at = ? WHERE id = ?",
                    leaseId, attempt, expires, row.id);
            return Optional.of(new ClaimedJob(job, leaseId, attempt, expires.toInstant()));
        }
    }

    /**
     * H2 neither sorts by the index nor stops at the limit under FOR UPDATE, so it picks candidates without a
     * lock (index order, cheap) and then locks one by key, checking again that it is claimable.
     */
    private List<Row> lockFirstH2(String columns, String filter, String order, List<String> languages) {
        for (int round = 0; round < 5; round++) {
            List<String> candidates = jdbc.queryForList("SELECT id FROM " + jobs + filter + order + " LIMIT 8",
                    String.class, languages.toArray());
            for (String id : candidates) {
                List<Row> rows = jdbc.query(columns + " WHERE id = ? AND available_at <= CURRENT_TIMESTAMP"
                        + " FOR UPDATE SKIP LOCKED", (rs, i) -> Row.of(rs), id);
                if (!rows.isEmpty()) {
                    return rows;
                }
            }
            if (candidates.size() < 8) {
                break; // every claimable job was taken by others just now
            }
        }
        return List.of();
    }

    private void toDeadLetters(String id, int attempts, String reason, String payload, OffsetDateTime at) {
        jdbc.update("INSERT INTO " + dead + " (id, attempts, reason, dead_at, payload) VALUES (?, ?, ?, ?, ?)",
                id, attempts, reason, at, payload);
        jdbc.update("DELETE FROM " + jobs + " WHERE id = ?", id);
    }

    @Override
    public boolean ack(ClaimedJob claimed) {
        Objects.requireNonNull(claimed, "claimed");
        return call("ack " + claimed.job().id(), () -> delete(claimed));
    }

    /**
     * With this storage's own result store, the result's upsert and the job's delete are one transaction: one
     * commit per judged job where two would be (on H2 each commit writes the store's changed pages to its file).
     * The store's listeners hear of the result after that commit.
     */
    @Override
    public boolean complete(ClaimedJob claimed, SubmissionResult result, ResultStore store) {
        if (store != results) {
            return super.complete(claimed, result, store);
        }
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(result, "result");
        return call("complete " + claimed.job().id(), () -> tx.execute(s -> {
            store.save(result);
            return delete(claimed);
        }));
    }

    /**
     * With this storage's own result store, the completion and the claim of the next job are one transaction too: a
     * worker that goes straight on to its next job pays one commit per judged job, not two.
     */
    @Override
    public Completion completeAndClaim(ClaimedJob claimed, SubmissionResult result, ResultStore store,
            Set<String> languages) {
        if (store != results) {
            return super.completeAndClaim(claimed, result, store, languages);
        }
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(result, "result");
        List<String> langs = List.copyOf(Objects.requireNonNull(languages, "languages"));
        boolean claimNext = !isClosed() && !Thread.currentThread().isInterrupted();
        return call("complete " + claimed.job().id(), () -> tx.execute(s -> {
            store.save(result);
            boolean acked = delete(claimed);
            return new Completion(acked, claimNext ? claimOne(langs) : Optional.empty());
        }));
    }

    private boolean delete(ClaimedJob claimed) {
        return jdbc.update("DELETE FROM " + jobs + " WHERE id = ? AND lease_id = ?", claimed.job().id(),
                claimed.leaseId()) == 1;
    }

    @Override
    public boolean release(ClaimedJob claimed, String reason) {
        Objects.requireNonNull(claimed, "claimed");
        String why = reason == null ? "" : reason;
        boolean released = call("release " + claimed.job().id(), () -> tx.execute(s -> {
            List<Row> rows = jdbc.query("SELECT id, attempt, last_error, payload, CURRENT_TIMESTAMP AS db_now FROM "
                    + jobs + " WHERE id = ? AND lease_id = ? FOR UPDATE", (rs, i) -> Row.of(rs),
                    claimed.job().id(), claimed.leaseId());
            if (rows.isEmpty()) {
                return false;
            }
            Row row = rows.get(0);
            if (row.attempt >= policy().maxAttempts()) {
                toDeadLetters(row.id, row.attempt, why, row.payload, row.dbNow);
            } else {
                jdbc.update("UPDATE " + jobs + " SET lease_id = NULL, last_error = ?, available_at = "
                        + dialect.plusMillis("CURRENT_TIMESTAMP") + " WHERE id = ?",
                        why, policy().backoff(row.attempt).toMillis(), row.id);
            }
            return true;
        }));
        if (released) {
            wakeClaimers();
        }
        return released;
    }

    @Override
    public boolean extend(ClaimedJob claimed) {
        Objects.requireNonNull(claimed, "claimed");
        return call("extend " + claimed.job().id(), () -> jdbc.update("UPDATE " + jobs + " SET available_at = "
                + dialect.plusMillis("CURRENT_TIMESTAMP") + " WHERE id = ? AND lease_id = ?",
                policy().visibilityTimeout().toMillis(), claimed.job().id(), claimed.leaseId())) == 1;
    }

    @Override
    public long depth() {
        Long n = call("depth", () -> jdbc.queryForObject(jobCount, Long.class));
        return n == null ? 0 : n;
    }

    @Override
    public boolean discardDeadLetter(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        Integer n = call("discardDeadLetter", () -> jdbc.update("DELETE FROM " + dead + " WHERE id = ?", jobId));
        return n != null && n > 0;
    }

    @Override
    protected List<DeadLetter> readDeadLetters(int limit) {
        List<DeadLetter> rows = call("deadLetters", () -> jdbc.query(
                "SELECT id, attempts, reason, dead_at, payload FROM " + dead + " ORDER BY seq DESC LIMIT ?",
                (rs, i) -> {
                    try {
                        return new DeadLetter(PayloadCodec.jobFromJson(rs.getString("payload")), rs.getInt("attempts"),
                                rs.getString("reason"), rs.getObject("dead_at", OffsetDateTime.class).toInstant());
                    } catch (RuntimeException e) {
                        LOG.warn("dead letter {} has an unreadable payload: {}", rs.getString("id"), e.getMessage());
                        return null;
                    }
                }, limit));
        List<DeadLetter> out = new ArrayList<>(rows.size());
        for (DeadLetter d : rows) {
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    private <T> T call(String what, Supplier<T> op) {
        return JdbcErrors.CALLS.queue(what, op);
    }

    private record Row(String id, int attempt, String lastError, String payload, OffsetDateTime dbNow) {
        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getString("id"), rs.getInt("attempt"), rs.getString("last_error"),
                    rs.getString("payload"), rs.getObject("db_now", OffsetDateTime.class));
        }
    }
}
