package dev.judge.redis;

import dev.judge.internal.StorageCalls;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;

/** Tells failures Redis will recover from (down, restarting, loading) from mistakes that stay. */
final class RedisErrors {
    /** Calls through Spring Data Redis: its exceptions are Redis's failures. */
    static final StorageCalls CALLS = new StorageCalls("Redis", e -> e instanceof DataAccessException,
            RedisErrors::isRetriable);

    private RedisErrors() {
    }

    /** Error replies that mean "not now" rather than "never". */
    private static final String[] TRANSIENT_REPLIES = {"LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "MASTERDOWN",
        "READONLY", "MISCONF", "NOREPLICAS"};

    static boolean isRetriable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // By name, so the adapters do not tie themselves to one Redis client library.
            String type = t.getClass().getName();
            if (type.equals("io.lettuce.core.RedisCommandExecutionException")) {
                String m = String.valueOf(t.getMessage());
                for (String reply : TRANSIENT_REPLIES) {
                    if (m.startsWith(reply)) {
                        return true;
                    }
                }
                return false;
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof TransientDataAccessException || t instanceof java.io.IOException
                    || type.startsWith("io.lettuce.core.RedisConnectionException")
                    || type.equals("io.lettuce.core.RedisCommandTimeoutException")
                    || type.equals("io.lettuce.core.RedisCommandInterruptedException")
                    || type.equals("io.lettuce.core.RedisException")) {
                return true;
            }
        }
        return false;
    }
}
