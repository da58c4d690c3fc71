package dev.judge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.judge.core.model.Priority;
import dev.judge.core.model.Status;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueuePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enqueues and saves made inside the caller's transaction on the same data source join it: they commit or roll
 * back with the caller's own rows, and claimers and listeners hear of them only after the commit.
 */
class CallerTransactionTest {
    private HikariDataSource ds;
    private JdbcJudgeStorage storage;
    private String schema;
    private TransactionTemplate tx;

    @BeforeEach
    void open() {
        ds = TestDatabases.h2(4);
        // a long poll interval: a claimer that wakes within it was signalled, not polling
        schema = TestDatabases.randomSchema();
        storage = JdbcJudgeStorage.builder().dataSource(ds).schema(schema)
                .policy(QueuePolicy.defaults()).pollInterval(Duration.ofSeconds(30)).build();
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    }

    @AfterEach
    void close() {
        storage.close();
        ds.close();
    }

    @Test
    void rolledBackWritesLeaveNothingAndNotifyNobody() {
        List<SubmissionResult> heard = new CopyOnWriteArrayList<>();
        storage.resultStore().subscribe(heard::add);
        JudgeJob job = job();
        tx.executeWithoutResult(status -> {
            storage.resultStore().save(SubmissionResult.queued(job.id(), Instant.now()));
            storage.jobQueue().enqueue(job);
            status.setRollbackOnly();
        });
        assertThat(storage.jobQueue().depth()).isZero();
        assertThat(storage.resultStore().find(job.id())).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void committedWritesAreVisibleAndWakeAWaitingClaimerAfterTheCommit() throws Exception {
        List<SubmissionResult> heard = new CopyOnWriteArrayList<>();
        storage.resultStore().subscribe(heard::add);
        CompletableFuture<Optional<ClaimedJob>> claim = CompletableFuture.supplyAsync(() -> {
            try {
                return storage.jobQueue().claim(Set.of(), Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200); // the claimer is asleep on an empty queue
        JudgeJob job = job();
        long committedAt = tx.execute(status -> {
            storage.resultStore().save(SubmissionResult.queued(job.id(), Instant.now()));
            storage.jobQueue().enqueue(job);
            assertThat(heard).as("nobody hears of an uncommitted write").isEmpty();
            return System.nanoTime();
        });
        Optional<ClaimedJob> claimed = claim.get(10, TimeUnit.SECONDS);
        long wokeAfter = System.nanoTime() - committedAt;
        assertThat(claimed).isPresent();
        assertThat(claimed.get().job().id()).isEqualTo(job.id());
        assertThat(Duration.ofNanos(wokeAfter)).as("woken by the commit, not by a poll").isLessThan(Duration.ofSeconds(5));
        assertThat(heard).extracting(SubmissionResult::submissionId).containsExactly(job.id());
        assertThat(storage.resultStore().find(job.id())).isPresent();
    }

    @Test
    void withoutATransactionEachWriteCommitsAndNotifiesAtOnce() {
        List<SubmissionResult> heard = new CopyOnWriteArrayList<>();
        storage.resultStore().subscribe(heard::add);
        JudgeJob job = job();
        storage.resultStore().save(SubmissionResult.queued(job.id(), Instant.now()));
        assertThat(heard).hasSize(1);
        storage.jobQueue().enqueue(job);
        assertThat(storage.jobQueue().depth()).isEqualTo(1);
    }

    /**
     * A judged job's result and its ack are one transaction: when the ack cannot be written (here its table is
     * gone for a moment) the result is not stored either and nobody hears of it, so the job is judged again.
     */
    @Test
    void completingAJobStoresItsResultOnlyTogetherWithTheAck() throws Exception {
        List<SubmissionResult> heard = new CopyOnWriteArrayList<>();
        storage.resultStore().subscribe(heard::add);
        JudgeJob job = job();
        storage.jobQueue().enqueue(job);
        ClaimedJob claimed = storage.jobQueue().claim(Set.of(), Duration.ZERO).orElseThrow();
        SubmissionResult result = new SubmissionResult(job.id(), Status.FINISHED, "", List.of(), new Verdict.Accepted(),
                1, 1, Instant.now());
        String jobs = "\"" + schema + "\".judge_jobs";
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("ALTER TABLE " + jobs + " RENAME TO judge_jobs_away");
        }
        assertThatThrownBy(() -> storage.jobQueue().complete(claimed, result, storage.resultStore()))
                .isInstanceOf(RuntimeException.class);
        assertThat(storage.resultStore().find(job.id())).as("rolled back with the ack").isEmpty();
        assertThat(heard).isEmpty();
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("ALTER TABLE \"" + schema + "\".judge_jobs_away RENAME TO judge_jobs");
        }
        assertThat(storage.jobQueue().complete(claimed, result, storage.resultStore())).isTrue();
        assertThat(storage.resultStore().find(job.id())).contains(result);
        assertThat(heard).containsExactly(result);
        assertThat(storage.jobQueue().depth()).isZero();
    }

    /**
     * H2 reads the depth from the table's own row count instead of a {@code COUNT(*)}, which walks every row while
     * another transaction is half-way through its writes: so jobs of such a transaction are counted until it ends.
     */
    @Test
    void onH2TheDepthCountsTheJobsOfATransactionHalfWayThroughUntilItEnds() throws Exception {
        storage.jobQueue().enqueue(job());
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        CompletableFuture<Void> halfWay = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            storage.jobQueue().enqueue(job());
            storage.jobQueue().enqueue(job());
            written.countDown();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status.setRollbackOnly();
        }));
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(storage.jobQueue().depth()).as("one committed, two not yet").isEqualTo(3);
        end.countDown();
        halfWay.get(10, TimeUnit.SECONDS);
        assertThat(storage.jobQueue().depth()).as("after the rollback").isEqualTo(1);
    }

    private static JudgeJob job() {
        return new JudgeJob("tx-" + UUID.randomUUID(), Submission.of("python3", "print(1)",
                List.of(TestCase.of("1", "", "1\n"))), Priority.NORMAL, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
