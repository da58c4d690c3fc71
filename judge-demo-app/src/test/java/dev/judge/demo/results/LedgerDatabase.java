package dev.judge.demo.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** An in-memory H2 database migrated as the server's (the ledger's real schema), with rows written as the APIs do. */
final class LedgerDatabase {
    final JdbcTemplate jdbc;
    final Ledger ledger;

    LedgerDatabase() {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:ledger-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/h2").load()
                .migrate();
        jdbc = new JdbcTemplate(ds);
        ledger = new Ledger(JdbcClient.create(ds), new ObjectMapper().findAndRegisterModules());
    }

    /** Inserts an unfinished Judge0 row (no account or problem needed), with a callback URL or none. */
    void judge0Row(String id, String callbackUrl) {
        jdbc.update("insert into submissions (id, api, judge0_language_id, language_id, source, limits_json,"
                + " callback_url, status, created_at) values (?, 'JUDGE0', 50, 'c', 'int main;', '{}', ?, 'QUEUED', ?)",
                id, callbackUrl, Ledger.utc(Instant.now()));
    }

    String status(String id) {
        return jdbc.queryForObject("select status from submissions where id = ?", String.class, id);
    }
}
