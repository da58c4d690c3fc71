package dev.judge.demo.submission;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.Submission;
import dev.judge.demo.AcceptProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts submissions through a {@link GroupCommit}: the judge's {@code submit} (QUEUED result and job) and the
 * server's own row of every submission waiting at that moment go into one database transaction, so one commit
 * serves many requests. When the judge's queue and results live in the server's database (the embedded default,
 * {@code postgres}) the job becomes visible to workers together with its row; with Redis only the rows share the
 * transaction. A caller returns once its batch is committed, so an answer with an id means the submission is
 * stored; a failed batch fails all its callers ({@link GroupCommitException}).
 */
@Component
public class Acceptor implements DisposableBean {
    /** One submission and how to insert the server's row for it once the judge has given it an id. */
    private record Accept(Submission submission, Consumer<String> row) {
    }

    private final Judge judge;
    private final ResultFeed feed;
    private final TransactionTemplate tx;
    private final GroupCommit<Accept, String> commit;

    public Acceptor(Judge judge, ResultFeed feed, PlatformTransactionManager transactions, AcceptProperties properties) {
        this.judge = judge;
        this.feed = feed;
        this.tx = new TransactionTemplate(transactions);
        this.commit = new GroupCommit<>("accept-commit", properties.batchSize(), properties.writers(), this::write);
    }

    /**
     * Hands {@code submission} to the judge and inserts its row with {@code row}, in one transaction shared with
     * other submissions accepted at the same moment; returns the id once committed.
     *
     * @throws InvalidSubmissionException when the judge refuses the submission (nothing is stored)
     * @throws GroupCommitException       when the transaction failed (nothing of it is stored)
     */
    public String accept(Submission submission, Consumer<String> row) {
        return commit.submit(new Accept(submission, row));
    }

    private List<GroupCommit.Outcome<String>> write(List<Accept> batch) {
        List<GroupCommit.Outcome<String>> outcomes = tx.execute(status -> {
            List<GroupCommit.Outcome<String>> out = new ArrayList<>(batch.size());
            for (Accept a : batch) {
                String id;
                try {
                    id = judge.submit(a.submission()); // validates before it writes anything
                } catch (InvalidSubmissionException e) {
                    out.add(GroupCommit.Outcome.refused(e));
                    continue;
                }
                a.row().accept(id);
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

    @Override
    public void destroy() {
        commit.close();
    }
}
