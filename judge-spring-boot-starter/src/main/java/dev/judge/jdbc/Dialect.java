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
    };

    /** Folder of this database's migrations under {@code db/judge}. */
    final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** {@code timestamp} plus a bound number of milliseconds (one {@code ?} parameter). */
    abstract String plusMillis(String timestamp);

    abstract String nextResultSeq(String schema);

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
