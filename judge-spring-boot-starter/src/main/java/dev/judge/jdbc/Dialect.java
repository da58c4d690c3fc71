package dev.judge.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The SQL that differs between the databases the JDBC adapters support. */
enum Dialect {
    POSTGRESQL("postgresql") {
        @Override
        String plusMillis(String timestamp) {
            return "(" + timestamp + " + CAST(? AS BIGINT) * INTERVAL '1 millisecond')";
        }

        @Override
        String nextResultSeq(String schema) {
            return "nextval('" + schema + ".judge_result_seq')";
        }

        /**
         * Exact up to {@link #EXACT_JOB_COUNT}; above, the larger of that and the table's live-row count from the
         * statistics system, which every backend updates about once a second and which needs no scan.
         * {@code COUNT(*)} reads every row: 38 ms at 100,000 waiting jobs, run by every node a few times a second.
         */
        @Override
        String jobCount(String schema) {
            String table = "\"" + schema + "\".judge_jobs";
            return "SELECT CASE WHEN n < " + EXACT_JOB_COUNT + " THEN n ELSE GREATEST(n, pg_stat_get_live_tuples('"
                    + table + "'::regclass)) END FROM (SELECT COUNT(*) AS n FROM (SELECT 1 FROM " + table
                    + " LIMIT " + EXACT_JOB_COUNT + ") capped) counted";
        }
    },
    H2("h2") {
        @Override
        String plusMillis(String timestamp) {
            return "DATEADD(MILLISECOND, CAST(? AS BIGINT), " + timestamp + ")";
        }

        @Override
        String nextResultSeq(String schema) {
            return "NEXT VALUE FOR \"" + schema + "\".judge_result_seq";
        }

        /**
         * H2's own row count of the table, read without a scan. {@code COUNT(*)} gives up its shortcut whenever
         * another transaction is half-way through its writes (always, under a steady stream of submissions) and then
         * walks every row, reading the pages of the whole backlog. The estimate also counts jobs being inserted or
         * deleted by transactions not yet committed, which back-pressure can live with.
         */
        @Override
        String jobCount(String schema) {
            return "SELECT ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = '" + schema
                    + "' AND UPPER(TABLE_NAME) = 'JUDGE_JOBS'";
        }
    };

    /** Up to this many jobs the PostgreSQL count is exact (back-pressure bounds lie well below it). */
    static final int EXACT_JOB_COUNT = 10_000;

    /** Folder of this database's migrations under {@code db/judge}. */
    final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** {@code timestamp} plus a bound number of milliseconds (one {@code ?} parameter). */
    abstract String plusMillis(String timestamp);

    abstract String nextResultSeq(String schema);

    /**
     * A query of one row and column: the number of jobs in the schema's job table (waiting or leased). It is read
     * often, for back-pressure, so it avoids scanning a deep backlog; each dialect says what it gives up for that.
     */
    abstract String jobCount(String schema);

    static Dialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgresql")) {
                return POSTGRESQL;
            }
            if (product.contains("h2")) {
                return H2;
            }
            throw new IllegalArgumentException("unsupported database '" + product
                    + "': the JDBC adapters support PostgreSQL and H2");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a connection to find the database type: " + e.getMessage(), e);
        }
    }
}
