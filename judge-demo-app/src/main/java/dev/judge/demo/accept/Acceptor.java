package dev.judge.demo.accept;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.QueueFullException;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.Priority;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TraceContext;
import dev.judge.core.pipeline.JudgeObserver;
import dev.judge.demo.AcceptProperties;
import dev.judge.demo.groupcommit.GroupCommit;
import dev.judge.demo.groupcommit.GroupCommitException;
import dev.judge.demo.results.ResultFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts submissions through a {@link GroupCommit}: the judge's {@code submit} (QUEUED result and job) and the
 * server's own row of every submission waiting at that moment go into one database transaction, so one commit
 * serves many requests. When the judge's queue and results live in the server's database (the embedded default,
 * {@code postgres}) the job becomes visible to workers together with its row; with Redis only the rows share the
 * transaction. A caller returns once its batch is committed, so an answer with an id means the submission is
 * stored; a failed batch fails all its callers ({@link GroupCommitException}). The judge's results and jobs of a
 * batch, and its rows of one statement, each go to the database as one JDBC batch: a few round trips per commit
 * instead of three per submission. When the judge's queue is at its bound ({@code judge.queue.max-depth}) the
 * judge refuses the whole batch before writing anything, and each of its callers gets that
 * {@link QueueFullException}.
 */
@Component
public class Acceptor implements DisposableBean {
    /**
     * One submission, the trace it was accepted in (taken on the request's thread: the batch is written on
     * another) and the insert of the server's row for it, made once the judge has given it an id.
     */
    private record Accept(Submission submission, TraceContext trace, BiFunction<String, String, RowInsert> row) {
        RowInsert rowOf(String id) {
            return row.apply(id, trace.traceId().orElse(null));
        }
    }

    private final Judge judge;
    private final ResultFeed feed;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final GroupCommit<Accept, String> commit;
    private final JudgeObserver observer;

    /** {@code transactions} and {@code jdbc} work on the same data source, so the rows join the transaction. */
    public Acceptor(Judge judge, ResultFeed feed, PlatformTransactionManager transactions, JdbcTemplate jdbc,
            AcceptProperties properties, JudgeObserver observer) {
        this.judge = judge;
        this.feed = feed;
        this.tx = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.observer = observer;
        this.commit = new GroupCommit<>("accept-commit", properties.batchSize(), properties.writers(), this::write);
    }

    /**
     * Hands {@code submission} to the judge and inserts the row {@code row} makes of its id and trace id (null
     * when the request is not traced), in one transaction shared with other submissions accepted at the same
     * moment; returns the id once committed. The job carries the calling thread's trace.
     *
     * @throws InvalidSubmissionException when the judge refuses the submission (nothing is stored)
     * @throws QueueFullException         when the judge's queue is at its bound (nothing is stored)
     * @throws GroupCommitException       when the transaction failed (nothing of it is stored)
     */
    public String accept(Submission submission, BiFunction<String, String, RowInsert> row) {
        return commit.submit(new Accept(submission, currentTrace(), row));
    }

    /**
     * As {@link #accept(Submission, BiFunction)} in queue lane {@code priority}. Another lane than NORMAL is an
     * administrator's choice, rare: such a submission is written alone, in a transaction of its own, rather than
     * through the group commit, whose batches go to the judge's one batch call in the normal lane.
     */
    public String accept(Submission submission, Priority priority, BiFunction<String, String, RowInsert> row) {
        if (priority == Priority.NORMAL) {
            return accept(submission, row);
        }
        Accept a = new Accept(submission, currentTrace(), row);
        String id = tx.execute(status -> {
            String accepted = judge.submit(submission, priority, a.trace());
            insertAll(List.of(a.rowOf(accepted)));
            return accepted;
        });
        feed.replay(id);
        return id;
    }

    /** One submission of {@link #acceptAll}: what {@link #accept(Submission, BiFunction)} takes. */
    public record Item(Submission submission, BiFunction<String, String, RowInsert> row) {
    }

    /**
     * Accepts the submissions of one request together, in one transaction of their own on the calling thread, as
     * one group commit writes a batch: a request of twenty costs one commit, where handing them to
     * {@link #accept(Submission, BiFunction)} one after another would cost twenty in a row. Each outcome, in order,
     * holds the id or the {@link InvalidSubmissionException} that refused that one; a queue that reaches its bound
     * part-way (only when some are refused, so that the rest go in one by one) refuses the remaining ones with a
     * {@link QueueFullException}, and the ones before it are stored.
     *
     * @throws QueueFullException when the judge's queue is at its bound before the first (nothing is stored)
     * @throws org.springframework.dao.DataAccessException when the transaction failed (nothing of it is stored)
     */
    public List<GroupCommit.Outcome<String>> acceptAll(List<Item> items) {
        TraceContext trace = currentTrace();
        List<Accept> batch = items.stream().map(i -> new Accept(i.submission(), trace, i.row())).toList();
        List<GroupCommit.Outcome<String>> outcomes = write(batch);
        if (!outcomes.isEmpty() && outcomes.stream().allMatch(o -> o.refusal() instanceof QueueFullException)) {
            throw (QueueFullException) outcomes.get(0).refusal();
        }
        return outcomes;
    }

    private List<GroupCommit.Outcome<String>> write(List<Accept> batch) {
        List<GroupCommit.Outcome<String>> outcomes = tx.execute(status -> {
            List<GroupCommit.Outcome<String>> out = new ArrayList<>(batch.size());
            List<String> ids;
            try {
                ids = submitTogether(batch);
            } catch (QueueFullException e) {
                return refuseAll(batch, e);
            }
            if (ids != null) {
                List<RowInsert> rows = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    rows.add(batch.get(i).rowOf(ids.get(i)));
                    out.add(GroupCommit.Outcome.of(ids.get(i)));
                }
                insertAll(rows);
                return out;
            }
            for (Accept a : batch) {
                String id;
                try {
                    // validates, and checks the queue's bound, before it writes
                    id = judge.submit(a.submission(), Priority.NORMAL, a.trace());
                } catch (InvalidSubmissionException | QueueFullException e) {
                    out.add(GroupCommit.Outcome.refused(e));
                    continue;
                }
                insertAll(List.of(a.rowOf(id)));
                out.add(GroupCommit.Outcome.of(id));
            }
            return out;
        });
        for (GroupCommit.Outcome<String> o : outcomes) {
            if (o.value() != null) {
                feed.replay(o.value()); // a result stored before the row was committed is recorded now
            }
        }
        return outcomes;
    }

    private static List<GroupCommit.Outcome<String>> refuseAll(List<Accept> batch, QueueFullException e) {
        List<GroupCommit.Outcome<String>> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(GroupCommit.Outcome.refused(e));
        }
        return out;
    }

    /** Runs the inserts in order, each run of inserts with the same statement as one JDBC batch. */
    private void insertAll(List<RowInsert> rows) {
        int from = 0;
        while (from < rows.size()) {
            String sql = rows.get(from).sql();
            int to = from + 1;
            while (to < rows.size() && rows.get(to).sql().equals(sql)) {
                to++;
            }
            if (to - from == 1) {
                jdbc.update(sql, rows.get(from).args().toArray());
            } else {
                jdbc.batchUpdate(sql, rows.subList(from, to).stream().map(r -> r.args().toArray()).toList());
            }
            from = to;
        }
    }

    /**
     * The ids of the whole batch handed to the judge at once (its results and jobs then go to the database
     * together), or null when one of them fails the judge's check: nothing is written then, and each is handed in
     * alone so that only the refused ones fail.
     *
     * @throws QueueFullException when the judge's queue is at its bound (nothing is written)
     */
    private List<String> submitTogether(List<Accept> batch) {
        try {
            return judge.submitAll(batch.stream().map(Accept::submission).toList(),
                    batch.stream().map(Accept::trace).toList());
        } catch (InvalidSubmissionException e) {
            return null;
        }
    }

    private TraceContext currentTrace() {
        try {
            return observer.currentTrace();
        } catch (RuntimeException e) {
            return TraceContext.NONE; // a tracer's failure costs the trace, not the submission
        }
    }

    @Override
    public void destroy() {
        commit.close();
    }
}
