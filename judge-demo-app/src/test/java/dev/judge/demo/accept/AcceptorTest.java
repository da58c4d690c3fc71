package dev.judge.demo.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.QueueFullException;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.store.ResultStores;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.Submission;
import dev.judge.core.pipeline.JudgeObserver;
import dev.judge.core.model.TestCase;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.AcceptProperties;
import dev.judge.demo.groupcommit.GroupCommit;
import dev.judge.demo.groupcommit.GroupCommitException;
import dev.judge.demo.results.Ledger;
import dev.judge.demo.results.LiveResults;
import dev.judge.demo.results.Recorder;
import dev.judge.demo.results.ResultFeed;
import dev.judge.jdbc.JdbcJudgeStorage;
import dev.judge.sandbox.linux.NativeSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The accept path on the embedded set-up (the judge's queue and results in the same H2 database as the server's
 * rows): for every caller either the QUEUED result, the job and the row are all committed and the caller has the
 * id, or none of them is and the caller has an error.
 */
class AcceptorTest {
    private NativeSandbox sandbox;
    private HikariDataSource ds;
    private JdbcJudgeStorage storage;
    private Judge judge;
    private ResultFeed feed;
    private Acceptor acceptor;
    private JdbcTemplate jdbc;

    @BeforeEach
    void start() {
        RequiredParts.require(RequiredParts.isRoot(), "root, for the native sandbox the judge probes its toolchains in");
        sandbox = NativeSandbox.builder().slots(1).build();
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:accept-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        c.setMaximumPoolSize(8);
        ds = new HikariDataSource(c);
        jdbc = new JdbcTemplate(ds);
        jdbc.execute("create table rows_of_app (id varchar(64) primary key, note varchar(100))");
        storage = JdbcJudgeStorage.builder().dataSource(ds).schema("judge").build();
        judge = Judge.builder().sandbox(sandbox).jobQueue(storage.jobQueue())
                .resultStore(storage.resultStore()).build();
        // the jobs commit with their rows here, so the feed replays nothing: it needs no ledger and is not started
        feed = new ResultFeed(storage.resultStore(), new Recorder(new Ledger(JdbcClient.create(ds), new ObjectMapper()),
                List.of()), new LiveResults(), false);
        acceptor = new Acceptor(judge, feed, new DataSourceTransactionManager(ds), jdbc, new AcceptProperties(16, 2),
                JudgeObserver.NONE);
    }

    @AfterEach
    void stop() {
        if (sandbox == null) {
            return; // skipped: no root
        }
        acceptor.destroy();
        feed.stop();
        judge.close();
        storage.close();
        ds.close();
        sandbox.close();
    }

    private static Submission submission(String language) {
        return Submission.of(language, "print(1)", List.of(TestCase.of("1", "", "1\n")));
    }

    private static RowInsert insertRow(String id, String note) {
        return RowInsert.of("insert into rows_of_app (id, note) values (?, ?)", id, note);
    }

    private boolean stored(String id) {
        boolean row = jdbc.queryForObject("select count(*) from rows_of_app where id = ?", Long.class, id) == 1;
        boolean job = jdbc.queryForObject("select count(*) from \"judge\".judge_jobs where id = ?", Long.class, id) == 1;
        boolean result = storage.resultStore().find(id).isPresent();
        assertThat(job).as("job of %s stored with its row", id).isEqualTo(row);
        assertThat(result).as("QUEUED result of %s stored with its row", id).isEqualTo(row);
        return row;
    }

    @Test
    void concurrentAcceptsAreAllStoredWholeAndShareCommits() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(24);
        Map<Integer, String> ids = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(300);
        for (int i = 0; i < 300; i++) {
            int n = i;
            callers.execute(() -> {
                try {
                    ids.put(n, acceptor.accept(submission("python3"), (id, trace) -> insertRow(id, "n" + n)));
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        callers.shutdown();
        assertThat(ids).hasSize(300);
        assertThat(ids.values()).doesNotHaveDuplicates().allSatisfy(id -> assertThat(stored(id)).isTrue());
        assertThat(storage.jobQueue().depth()).isEqualTo(300);
    }

    @Test
    void aFailingRowFailsItsWholeBatchAndLeavesNoJobOrResultBehind() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(24);
        Map<Integer, String> ids = new ConcurrentHashMap<>();
        Map<Integer, RuntimeException> failures = new ConcurrentHashMap<>();
        Map<Integer, String> idsSeenByWriter = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            int n = i;
            callers.execute(() -> {
                try {
                    ids.put(n, acceptor.accept(submission("python3"), (id, trace) -> {
                        idsSeenByWriter.put(n, id);
                        // every 40th row breaks its column's width: the database refuses it
                        return insertRow(id, n % 40 == 0 ? "x".repeat(200) : "n" + n);
                    }));
                } catch (RuntimeException e) {
                    failures.put(n, e);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        callers.shutdown();
        assertThat(failures.keySet()).contains(0, 40, 80, 120, 160);
        assertThat(failures.values()).allSatisfy(e -> assertThat(e).isInstanceOf(GroupCommitException.class)
                .hasMessageContaining("not stored"));
        assertThat(ids.size() + failures.size()).isEqualTo(200);
        assertThat(ids.values()).allSatisfy(id -> assertThat(stored(id)).isTrue());
        for (int n : failures.keySet()) {
            String id = idsSeenByWriter.get(n);
            if (id != null) {
                assertThat(stored(id)).as("nothing of failed caller %d is stored", n).isFalse();
            }
        }
        assertThat(storage.jobQueue().depth()).isEqualTo(ids.size());
    }

    @Test
    void aRefusedSubmissionFailsOnlyItsCallerAndStoresNothing() {
        assertThatThrownBy(() -> acceptor.accept(submission("no-such-language"), (id, trace) -> insertRow(id, "refused")))
                .isInstanceOf(InvalidSubmissionException.class)
                .satisfies(e -> assertThat(((InvalidSubmissionException) e).field()).isEqualTo("languageId"));
        String id = acceptor.accept(submission("python3"), (accepted, trace) -> insertRow(accepted, "fine"));
        assertThat(stored(id)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from rows_of_app", Long.class)).isEqualTo(1);
        assertThat(storage.jobQueue().depth()).isEqualTo(1);
    }

    @Test
    void aRefusedSubmissionInABatchWithOthersFailsOnlyItsCaller() throws Exception {
        Acceptor oneWriter = new Acceptor(judge, feed, new DataSourceTransactionManager(ds), jdbc, new AcceptProperties(16, 1),
                JudgeObserver.NONE);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            // the writer is held inside the first batch, so the next three wait for it and are written as one batch
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            var first = callers.submit(() -> oneWriter.accept(submission("python3"), (id, trace) -> {
                writing.countDown();
                await(release);
                return insertRow(id, "first");
            }));
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
            var good = callers.submit(() -> oneWriter.accept(submission("python3"), (id, trace) -> insertRow(id, "good")));
            var refused = callers.submit(() -> oneWriter.accept(submission("no-such-language"),
                    (id, trace) -> insertRow(id, "refused")));
            var alsoGood = callers.submit(() -> oneWriter.accept(submission("python3"), (id, trace) -> insertRow(id, "also")));
            Thread.sleep(300);
            release.countDown();
            assertThat(stored(first.get(10, TimeUnit.SECONDS))).isTrue();
            assertThat(stored(good.get(10, TimeUnit.SECONDS))).isTrue();
            assertThat(stored(alsoGood.get(10, TimeUnit.SECONDS))).isTrue();
            assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InvalidSubmissionException.class);
            assertThat(jdbc.queryForList("select note from rows_of_app", String.class))
                    .containsExactlyInAnyOrder("first", "good", "also");
            assertThat(storage.jobQueue().depth()).isEqualTo(3);
        } finally {
            callers.shutdownNow();
            oneWriter.destroy();
        }
    }

    /**
     * The judge bounded at two jobs on an in-memory queue, read on every submit: the batch written while the queue
     * reaches its bound is refused whole, each caller getting the judge's {@link QueueFullException}, and none of
     * its rows, results or jobs is written.
     */
    @Test
    void aBatchMeetingAFullQueueIsRefusedWholeAndWritesNothing() throws Exception {
        JobQueue queue = JobQueues.inMemory();
        Judge bounded = Judge.builder().sandbox(sandbox).jobQueue(queue).resultStore(ResultStores.inMemory())
                .maxQueueDepth(2).queueDepthRefresh(Duration.ZERO).build();
        Acceptor oneWriter = new Acceptor(bounded, feed, new DataSourceTransactionManager(ds), jdbc,
                new AcceptProperties(16, 1),
                JudgeObserver.NONE);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            String before = oneWriter.accept(submission("python3"), (id, trace) -> insertRow(id, "before"));
            // the second job fills the queue; its writer is held, so the next three wait and are written as one batch
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            var filling = callers.submit(() -> oneWriter.accept(submission("python3"), (id, trace) -> {
                writing.countDown();
                await(release);
                return insertRow(id, "filling");
            }));
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
            List<java.util.concurrent.Future<String>> refused = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                refused.add(callers.submit(() -> oneWriter.accept(submission("python3"), (id, trace) -> insertRow(id,
                        "refused" + n))));
            }
            Thread.sleep(300);
            release.countDown();
            assertThat(filling.get(10, TimeUnit.SECONDS)).isNotEqualTo(before);
            for (var f : refused) {
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(QueueFullException.class)
                        .satisfies(e -> {
                            assertThat(((QueueFullException) e).depth()).isEqualTo(2);
                            assertThat(((QueueFullException) e).maxDepth()).isEqualTo(2);
                        });
            }
            assertThat(jdbc.queryForList("select note from rows_of_app", String.class))
                    .containsExactlyInAnyOrder("before", "filling");
            assertThat(queue.depth()).isEqualTo(2);
        } finally {
            callers.shutdownNow();
            oneWriter.destroy();
            bounded.close();
            queue.close();
        }
    }

    /** A request's batch is one transaction: each refused item fails alone, the others are stored together. */
    @Test
    void acceptAllStoresARequestsItemsTogetherAndRefusesTheInvalidOnesAlone() {
        List<GroupCommit.Outcome<String>> outcomes = acceptor.acceptAll(List.of(
                new Acceptor.Item(submission("python3"), (id, trace) -> insertRow(id, "one")),
                new Acceptor.Item(submission("no-such-language"), (id, trace) -> insertRow(id, "refused")),
                new Acceptor.Item(submission("python3"), (id, trace) -> insertRow(id, "three"))));
        assertThat(outcomes).hasSize(3);
        assertThat(stored(outcomes.get(0).value())).isTrue();
        assertThat(outcomes.get(1).refusal()).isInstanceOf(InvalidSubmissionException.class);
        assertThat(stored(outcomes.get(2).value())).isTrue();
        assertThat(jdbc.queryForList("select note from rows_of_app", String.class))
                .containsExactlyInAnyOrder("one", "three");
    }

    /**
     * One failing row takes the whole request back: none of its rows, results or jobs stays (handed in one by one,
     * the items before it would each have been committed).
     */
    @Test
    void acceptAllIsOneTransaction() {
        String taken = acceptor.accept(submission("python3"), (id, trace) -> insertRow(id, "taken"));
        assertThatThrownBy(() -> acceptor.acceptAll(List.of(
                new Acceptor.Item(submission("python3"), (id, trace) -> insertRow(id, "first")),
                new Acceptor.Item(submission("python3"), (id, trace) -> insertRow(taken, "same key")))))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(jdbc.queryForList("select note from rows_of_app", String.class)).containsExactly("taken");
        assertThat(storage.jobQueue().depth()).isEqualTo(1);
    }

    @Test
    void acceptAllOnAFullQueueThrowsAndStoresNothing() {
        JobQueue queue = JobQueues.inMemory();
        Judge bounded = Judge.builder().sandbox(sandbox).jobQueue(queue).resultStore(ResultStores.inMemory())
                .maxQueueDepth(1).queueDepthRefresh(Duration.ZERO).build();
        Acceptor boundedAcceptor = new Acceptor(bounded, feed, new DataSourceTransactionManager(ds), jdbc,
                new AcceptProperties(16, 1), JudgeObserver.NONE);
        try {
            boundedAcceptor.accept(submission("python3"), (id, trace) -> insertRow(id, "fills"));
            assertThatThrownBy(() -> boundedAcceptor.acceptAll(List.of(
                    new Acceptor.Item(submission("python3"), (id, trace) -> insertRow(id, "a")),
                    new Acceptor.Item(submission("python3"), (id, trace) -> insertRow(id, "b")))))
                    .isInstanceOf(QueueFullException.class);
            assertThat(jdbc.queryForList("select note from rows_of_app", String.class)).containsExactly("fills");
            assertThat(queue.depth()).isEqualTo(1);
        } finally {
            boundedAcceptor.destroy();
            bounded.close();
            queue.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
