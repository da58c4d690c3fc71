package dev.judge.jdbc;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.store.ResultListener;
import dev.judge.core.store.ResultStore;
import dev.judge.internal.PayloadCodec;
import dev.judge.internal.ResultListeners;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Results in one table, one row per submission. The forward-only rule of {@code StoreRules.mayReplace} is the
 * WHERE clause of a single upsert, so concurrent writers cannot both win and a redelivered job cannot replace
 * a finished result.
 *
 * <p>Changes reach listeners in this JVM directly from {@link #save} (after the commit when it runs inside the
 * caller's Spring-managed transaction on the same data source, which it then joins). Changes written by other nodes arrive
 * through PostgreSQL NOTIFY (payload: writer node and id) and, as a fallback and on H2, through polling rows
 * by their write sequence number. One dispatcher thread handles both, so each stored state is delivered once.
 */
final class JdbcResultStore implements ResultStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcResultStore.class);
    private static final int FINAL_RANK = Status.FINISHED.ordinal();
    /** A write whose sequence number is older than this is assumed committed (writes are single statements). */
    private static final Duration COMMIT_GRACE = Duration.ofSeconds(2);
    /** Rows read per query by the safety-net poll. */
    private static final int POLL_PAGE = 500;

    private final JdbcTemplate jdbc;
    private final Dialect dialect;
    private final String schema;
    private final String results;
    private final String pgUpsert;
    private final String origin;
    private final Duration pollInterval;
    private final PgNotifications notifications;
    private final ResultListeners listeners;
    private final LinkedBlockingQueue<String> notifiedIds = new LinkedBlockingQueue<>();
    private final Object dispatcherLock = new Object();
    private Thread dispatcher;
    private volatile boolean closed;

    JdbcResultStore(JdbcTemplate jdbc, Dialect dialect, String schema, String origin, Duration pollInterval,
            PgNotifications notifications) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.schema = schema;
        this.results = "\"" + schema + "\".judge_results";
        this.pgUpsert = "INSERT INTO " + results + " AS r (id, status_rank, seq, origin, written_at, payload)"
                + " VALUES (?, ?, " + dialect.nextResultSeq(schema) + ", ?, CURRENT_TIMESTAMP, ?)"
                + " ON CONFLICT (id) DO UPDATE SET status_rank = EXCLUDED.status_rank, seq = EXCLUDED.seq,"
                + " origin = EXCLUDED.origin, written_at = EXCLUDED.written_at, payload = EXCLUDED.payload"
                + " WHERE r.status_rank < ? AND r.status_rank <= EXCLUDED.status_rank";
        this.origin = origin;
        this.listeners = new ResultListeners(origin);
        this.pollInterval = pollInterval;
        this.notifications = notifications;
        if (notifications != null) {
            notifications.onNotification(JdbcJudgeStorage.resultChannel(schema), this::onNotification);
            notifications.onReconnect(() -> notifiedIds.offer(""));
        }
    }

    @Override
    public boolean save(SubmissionResult result) {
        Objects.requireNonNull(result, "result");
        String payload = PayloadCodec.resultToJson(result);
        int rank = result.status().ordinal();
        boolean stored = call("save " + result.submissionId(), () -> upsert(result.submissionId(), rank, payload));
        if (stored) {
            AfterCommit.run(() -> listeners.dispatch(result));
        }
        return stored;
    }

    /** On PostgreSQL one batch (one round trip); H2 runs in this process and takes them one by one. */
    @Override
    public void saveAll(List<SubmissionResult> all) {
        Objects.requireNonNull(all, "results");
        if (dialect != Dialect.POSTGRESQL || all.size() < 2) {
            ResultStore.super.saveAll(all);
            return;
        }
        List<Object[]> args = new ArrayList<>(all.size());
        for (SubmissionResult result : all) {
            Objects.requireNonNull(result, "results must not hold null");
            args.add(new Object[] {result.submissionId(), result.status().ordinal(), origin,
                    PayloadCodec.resultToJson(result), FINAL_RANK});
        }
        int[] stored = call("save " + all.size() + " results", () -> jdbc.batchUpdate(pgUpsert, args));
        for (int i = 0; i < all.size(); i++) {
            // a driver that cannot tell answers SUCCESS_NO_INFO (-2): then the listeners hear it, as save would
            if (stored[i] != 0) {
                SubmissionResult result = all.get(i);
                AfterCommit.run(() -> listeners.dispatch(result));
            }
        }
    }

    private boolean upsert(String id, int rank, String payload) {
        if (dialect == Dialect.POSTGRESQL) {
            return jdbc.update(pgUpsert, id, rank, origin, payload, FINAL_RANK) == 1;
        }
        String merge = "MERGE INTO " + results + " r USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS SMALLINT),"
                + " CAST(? AS VARCHAR(64)), CAST(? AS CHARACTER LARGE OBJECT))) v (id, status_rank, origin, payload)"
                + " ON r.id = v.id"
                + " WHEN MATCHED AND r.status_rank < ? AND r.status_rank <= v.status_rank THEN UPDATE SET"
                + " status_rank = v.status_rank, seq = " + dialect.nextResultSeq(schema) + ", origin = v.origin,"
                + " written_at = CURRENT_TIMESTAMP, payload = v.payload"
                + " WHEN NOT MATCHED THEN INSERT (id, status_rank, seq, origin, written_at, payload) VALUES"
                + " (v.id, v.status_rank, " + dialect.nextResultSeq(schema) + ", v.origin, CURRENT_TIMESTAMP, v.payload)";
        try {
            return jdbc.update(merge, id, rank, origin, payload, FINAL_RANK) == 1;
        } catch (DuplicateKeyException e) {
            // Another writer inserted the row between our check and insert; now it exists, so this is an update.
            return jdbc.update(merge, id, rank, origin, payload, FINAL_RANK) == 1;
        }
    }

    @Override
    public Optional<SubmissionResult> find(String submissionId) {
        Objects.requireNonNull(submissionId, "submissionId");
        List<String> rows = call("find " + submissionId, () -> jdbc.queryForList(
                "SELECT payload FROM " + results + " WHERE id = ?", String.class, submissionId));
        return rows.isEmpty() ? Optional.empty() : Optional.of(PayloadCodec.resultFromJson(rows.get(0)));
    }

    @Override
    public boolean delete(String submissionId) {
        Objects.requireNonNull(submissionId, "submissionId");
        return call("delete " + submissionId,
                () -> jdbc.update("DELETE FROM " + results + " WHERE id = ?", submissionId)) == 1;
    }

    @Override
    public Subscription subscribe(ResultListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("the result store is closed");
        }
        Subscription subscription = listeners.add(listener);
        startDispatcher();
        return subscription;
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (dispatcherLock) {
            t = dispatcher;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void onNotification(String payload) {
        String id = listeners.restOfNotice(payload);
        if (id != null) {
            notifiedIds.offer(id);
        }
    }

    private void startDispatcher() {
        synchronized (dispatcherLock) {
            if (dispatcher == null) {
                dispatcher = new Thread(new Dispatcher(), "judge-jdbc-results-" + schema);
                dispatcher.setDaemon(true);
                dispatcher.start();
            }
        }
    }

    /**
     * Delivers other nodes' writes. Polling reads rows above a low-water mark of the write sequence; the mark
     * trails by {@link #COMMIT_GRACE} because a sequence number is taken before its row commits, and the
     * per-id map of delivered sequence numbers keeps re-read rows from being delivered twice.
     */
    private final class Dispatcher implements Runnable {
        private final Map<String, Long> delivered = new HashMap<>();
        private final ArrayDeque<long[]> marks = new ArrayDeque<>(); // {nanoTime, max seq seen}
        private long lowWater = -1;
        private long lastPoll;

        @Override
        public void run() {
            while (!closed) {
                try {
                    if (lowWater < 0) {
                        Long max = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM " + results, Long.class);
                        lowWater = max == null ? 0 : max;
                        lastPoll = System.nanoTime();
                    }
                    boolean listening = notifications != null && notifications.isConnected();
                    // With NOTIFY working, polling is only a slow safety net.
                    long every = listening ? pollInterval.toNanos() * 10 : pollInterval.toNanos();
                    long wait = Math.max(0, lastPoll + every - System.nanoTime());
                    String id = notifiedIds.poll(wait, TimeUnit.NANOSECONDS);
                    while (id != null && !id.isEmpty()) {
                        fetch(id);
                        id = notifiedIds.poll();
                    }
                    // id == null: the poll is due; id empty: reconnected, so catch up on what was missed.
                    if (id != null || System.nanoTime() - lastPoll >= every) {
                        poll();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.debug("result dispatcher: {}", e.toString());
                    try {
                        Thread.sleep(Math.max(100, pollInterval.toMillis()));
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        private void fetch(String id) {
            jdbc.query("SELECT id, seq, origin, payload FROM " + results + " WHERE id = ?",
                    rs -> {
                        offer(rs.getString("id"), rs.getLong("seq"), rs.getString("origin"), rs.getString("payload"));
                    }, id);
        }

        /**
         * Reads only other nodes' rows: this node's own writes reached its listeners from {@link #save}, and under
         * load they are nearly every row written since the last poll (10,000 rows with their payloads every five
         * seconds at 2,000 writes a second). Pages of {@value #POLL_PAGE} rows in write order keep the plan an
         * index range scan: without a limit PostgreSQL chose a parallel scan of the whole table.
         */
        private void poll() {
            long now = System.nanoTime();
            Long newest = jdbc.queryForObject("SELECT MAX(seq) FROM " + results, Long.class);
            long[] maxSeen = {Math.max(lowWater, newest == null ? 0 : newest)};
            long from = lowWater;
            int[] read = new int[1];
            do {
                read[0] = 0;
                long[] last = {from};
                jdbc.query("SELECT id, seq, origin, payload FROM " + results + " WHERE seq > ? AND origin <> ?"
                        + " ORDER BY seq LIMIT " + POLL_PAGE, rs -> {
                            long seq = rs.getLong("seq");
                            read[0]++;
                            last[0] = seq;
                            maxSeen[0] = Math.max(maxSeen[0], seq);
                            offer(rs.getString("id"), seq, rs.getString("origin"), rs.getString("payload"));
                        }, from, origin);
                from = last[0];
            } while (read[0] == POLL_PAGE);
            lastPoll = now;
            marks.addLast(new long[] {now, maxSeen[0]});
            while (!marks.isEmpty() && now - marks.peekFirst()[0] >= COMMIT_GRACE.toNanos()) {
                lowWater = Math.max(lowWater, marks.pollFirst()[1]);
            }
            delivered.values().removeIf(seq -> seq <= lowWater);
        }

        private void offer(String id, long seq, String writer, String payload) {
            if (seq <= lowWater) {
                return;
            }
            Long last = delivered.get(id);
            if (last != null && last >= seq) {
                return;
            }
            delivered.put(id, seq);
            if (listeners.wants(writer)) {
                listeners.dispatchJson(payload, "result " + id);
            }
        }
    }

    private <T> T call(String what, Supplier<T> op) {
        return JdbcErrors.CALLS.store(what, op);
    }
}
