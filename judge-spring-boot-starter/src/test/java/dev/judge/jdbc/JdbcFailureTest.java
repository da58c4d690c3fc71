package dev.judge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.judge.core.model.Priority;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueueException;
import dev.judge.core.store.StoreException;
import dev.judge.internal.PayloadCodecTestData;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** What callers see when the database is unreachable, or when something is wrong that waiting will not fix. */
class JdbcFailureTest {
    private HikariDataSource h2;
    private Switch ds;
    private JdbcJudgeStorage storage;

    /** A data source that refuses connections while down, as a pool does while its database is unreachable. */
    static final class Switch extends DelegatingDataSource {
        volatile boolean down;

        Switch(HikariDataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLTransientConnectionException("Connection refused", "08001");
            }
            return super.getConnection();
        }
    }

    @BeforeEach
    void open() {
        h2 = TestDatabases.h2(4);
        ds = new Switch(h2);
        storage = JdbcJudgeStorage.builder().dataSource(ds).schema("judge").build();
    }

    @AfterEach
    void close() {
        storage.close();
        h2.close();
    }

    @Test
    void anUnreachableDatabaseGivesRetriableErrors() {
        JudgeJob job = new JudgeJob("j1", PayloadCodecTestData.submission(), Priority.NORMAL, Instant.now());
        ds.down = true;
        assertThatThrownBy(() -> storage.jobQueue().enqueue(job)).isInstanceOfSatisfying(QueueException.class,
                e -> assertThat(e.isRetriable()).isTrue());
        assertThatThrownBy(() -> storage.jobQueue().claim(Set.of(), Duration.ZERO))
                .isInstanceOfSatisfying(QueueException.class, e -> assertThat(e.isRetriable()).isTrue());
        assertThatThrownBy(() -> storage.jobQueue().depth())
                .isInstanceOfSatisfying(QueueException.class, e -> assertThat(e.isRetriable()).isTrue());
        assertThatThrownBy(() -> storage.resultStore().save(SubmissionResult.queued("j1", Instant.now())))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetriable()).isTrue());
        assertThatThrownBy(() -> storage.resultStore().find("j1"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetriable()).isTrue());

        ds.down = false; // back: the same call succeeds
        storage.jobQueue().enqueue(job);
        assertThat(storage.jobQueue().depth()).isEqualTo(1);
    }

    @Test
    void aBrokenSchemaIsNotRetriable() {
        new JdbcTemplate(h2).execute("DROP TABLE \"judge\".judge_jobs");
        JudgeJob job = new JudgeJob("j1", PayloadCodecTestData.submission(), Priority.NORMAL, Instant.now());
        assertThatThrownBy(() -> storage.jobQueue().enqueue(job)).isInstanceOfSatisfying(QueueException.class,
                e -> assertThat(e.isRetriable()).isFalse());
    }

    @Test
    void theBuilderRefusesNonsense() {
        assertThatThrownBy(() -> JdbcJudgeStorage.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dataSource");
        assertThatThrownBy(() -> JdbcJudgeStorage.builder().schema("Judge; DROP")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("schema");
        assertThatThrownBy(() -> JdbcJudgeStorage.builder().pollInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> JdbcJudgeStorage.builder().policy(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("policy");
    }

    @Test
    void migratingTwiceIsHarmless() {
        try (JdbcJudgeStorage again = JdbcJudgeStorage.builder().dataSource(ds).schema("judge").build()) {
            assertThat(again.jobQueue().depth()).isZero();
        }
    }
}
