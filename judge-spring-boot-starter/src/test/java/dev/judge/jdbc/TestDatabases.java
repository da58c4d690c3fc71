package dev.judge.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.judge.core.testsupport.RequiredParts;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** The databases the JDBC tests run on: the machine's PostgreSQL and an in-memory H2, each in a fresh schema. */
final class TestDatabases {
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private TestDatabases() {
    }

    static String randomSchema() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** A small pool on the machine's PostgreSQL; skips (or fails under JUDGE_REQUIRE_ALL) when it is not running. */
    static HikariDataSource postgres(int poolSize) {
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432");
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(PG_URL);
        c.setUsername(System.getProperty("judge.test.pgUser", "postgres"));
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(3_000);
        c.setPoolName("judge-test-pg");
        return new HikariDataSource(c);
    }

    /** A named in-memory H2 database that lives until the data source is closed. */
    static HikariDataSource h2(int poolSize) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:" + randomSchema() + ";DB_CLOSE_DELAY=-1");
        c.setMaximumPoolSize(poolSize);
        c.setPoolName("judge-test-h2");
        return new HikariDataSource(c);
    }

    static void dropSchema(HikariDataSource ds, String schema) {
        if (ds == null || ds.isClosed()) {
            return;
        }
        new JdbcTemplate(ds).execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }
}
