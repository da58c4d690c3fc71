package dev.judge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class PostgresJobQueueTest extends JdbcJobQueueTestBase {
    @BeforeAll
    static void database() {
        ds = TestDatabases.postgres(8);
    }

    /**
     * Past {@link Dialect#EXACT_JOB_COUNT} jobs the depth is PostgreSQL's live-row statistic of the table instead
     * of a count of every row: it settles on the true number once the writing backend has reported (about a
     * second), and after the table's statistics are reset it reads the exact part only.
     */
    @Test
    void aboveTheExactCountTheDepthComesFromTheTableStatistics() throws Exception {
        JobQueue q = open(longLeases());
        String schema = SCHEMAS.get(SCHEMAS.size() - 1);
        int total = Dialect.EXACT_JOB_COUNT + 5;
        List<JudgeJob> jobs = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            jobs.add(job());
        }
        q.enqueueAll(jobs);
        assertThat(q.depth()).isGreaterThanOrEqualTo(Dialect.EXACT_JOB_COUNT);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (q.depth() != total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(q.depth()).as("the statistic, once reported").isEqualTo(total);

        new JdbcTemplate(ds).queryForList("SELECT pg_stat_reset_single_table_counters('\"" + schema
                + "\".judge_jobs'::regclass)");
        assertThat(q.depth()).as("no scan past the exact part").isEqualTo(Dialect.EXACT_JOB_COUNT);
    }
}
