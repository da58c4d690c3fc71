package dev.judge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.judge.core.model.Priority;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.JudgeJob;
import dev.judge.internal.PayloadCodecTestData;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one schema with polling so slow that only LISTEN/NOTIFY can explain a prompt reaction: a
 * waiting claim on one node wakes when the other enqueues, a listener on one hears the other's write.
 */
class PostgresNotifyTest {
    private static final Duration SLOW_POLL = Duration.ofSeconds(30);
    private HikariDataSource ds;
    private String schema;
    private JdbcJudgeStorage a;
    private JdbcJudgeStorage b;

    @BeforeEach
    void open() {
        ds = TestDatabases.postgres(8);
        schema = TestDatabases.randomSchema();
        a = JdbcJudgeStorage.builder().dataSource(ds).schema(schema).pollInterval(SLOW_POLL).build();
        b = JdbcJudgeStorage.builder().dataSource(ds).schema(schema).pollInterval(SLOW_POLL).build();
    }

    @AfterEach
    void close() {
        if (a != null) {
            a.close();
            b.close();
            TestDatabases.dropSchema(ds, schema);
            ds.close();
        }
    }

    @Test
    void aClaimWaitingOnOneNodeWakesWhenAnotherEnqueues() throws Exception {
        Thread.sleep(500); // both listeners connected
        CompletableFuture<Optional<ClaimedJob>> claim = CompletableFuture.supplyAsync(() -> {
            try {
                return a.jobQueue().claim(Set.of(), Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500); // the claim is waiting
        JudgeJob job = new JudgeJob("n-" + TestDatabases.randomSchema(), PayloadCodecTestData.submission(),
                Priority.NORMAL, Instant.now());
        long start = System.nanoTime();
        b.jobQueue().enqueue(job);
        Optional<ClaimedJob> got = claim.get(20, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(got).hasValueSatisfying(c -> assertThat(c.job()).isEqualTo(job));
    }

    @Test
    void aListenerOnOneNodeHearsAnotherNodesWriteAtOnce() throws Exception {
        String id = "n-" + TestDatabases.randomSchema();
        CountDownLatch heard = new CountDownLatch(1);
        try (var s = a.resultStore().subscribe(r -> {
            if (r.submissionId().equals(id)) {
                heard.countDown();
            }
        })) {
            Thread.sleep(500); // the dispatcher took its starting point
            b.resultStore().save(SubmissionResult.queued(id, Instant.now()));
            assertThat(heard.await(2, TimeUnit.SECONDS)).isTrue();
        }
    }
}
