package dev.judge.jdbc;

import dev.judge.internal.StorageCalls;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Tells failures the database will recover from (down, restarting, busy) from mistakes that stay. */
final class JdbcErrors {
    /** Calls through Spring's JDBC support: its exceptions are the database's failures. */
    static final StorageCalls CALLS = new StorageCalls("database",
            e -> e instanceof DataAccessException || e instanceof TransactionException, JdbcErrors::isRetriable);

    private JdbcErrors() {
    }

    static boolean isRetriable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof SQLException sql && isRetriableState(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * SQL states of a lost or refused connection (08), a server shutting down or out of resources (57, 53),
     * and serialization failures or deadlocks (40).
     */
    private static boolean isRetriableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
                || state.startsWith("40"));
    }
}
