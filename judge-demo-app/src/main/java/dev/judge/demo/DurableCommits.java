package dev.judge.demo;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Makes every committed read-write transaction of the server's transaction manager reach the database file before
 * the transaction call returns, where the database would otherwise hold it back: H2 in a file writes what was
 * committed every {@code WRITE_DELAY} ms (500 by default), so a process killed right after an answer lost it.
 *
 * <p>The embedded default runs H2 with that delay on purpose: the judge's own writes (claims, progress, results,
 * acknowledgements, the ledger's copy of each result) are many small commits a second, and writing each one to the
 * file cost a quarter of the server's CPU per judged submission; losing the last half second of them to a kill
 * costs nothing, since a job whose acknowledgement was lost is judged again. What a client was told is stored
 * (an accepted group of submissions, an account, a token, a problem) is written in a transaction of the server's
 * manager, and this listener issues H2's {@code CHECKPOINT} after its commit: one file write per group commit,
 * as {@code WRITE_DELAY=0} gave before. On other databases (PostgreSQL's commit is durable) it does nothing.
 * Spring Boot adds {@link TransactionExecutionListener} beans to the transaction manager it configures.
 */
@Component
class DurableCommits implements TransactionExecutionListener {
    private final JdbcTemplate jdbc;
    private final boolean h2File;

    DurableCommits(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.h2File = isH2File(dataSource);
    }

    private static boolean isH2File(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            return url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's URL", e);
        }
    }

    @Override
    public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
        if (h2File && commitFailure == null && !transaction.isReadOnly()) {
            // on the committing thread, before the transaction call returns and so before any answer
            jdbc.execute("CHECKPOINT");
        }
    }
}
