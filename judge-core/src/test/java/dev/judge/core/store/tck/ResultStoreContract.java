package dev.judge.core.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.store.ResultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ResultStore} implementation passes. An implementation's test extends this class
 * and supplies a fresh store; ids are random so stores backed by shared services need no cleaning.
 */
public abstract class ResultStoreContract {

    protected ResultStore store;

    /** A new store, empty or holding only other ids. */
    protected abstract ResultStore createStore() throws Exception;

    /** How long a change may take to reach a listener (longer for stores that notify across processes). */
    protected Duration notificationDelay() {
        return Duration.ofSeconds(2);
    }

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static String newId() {
        return "tck-" + UUID.randomUUID();
    }

    protected static SubmissionResult at(String id, Status status, int tests) {
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < tests; i++) {
            results.add(new TestResult(String.valueOf(i + 1), Verdict.ACCEPTED, 1, Duration.ofMillis(12),
                    Duration.ofMillis(15), ByteSize.ofKiB(2048), 0, 0, "out", "", ""));
        }
        return new SubmissionResult(id, status, status == Status.QUEUED ? "" : "compiled", results,
                status.isFinal() ? Verdict.ACCEPTED : null, tests, tests, Instant.now());
    }

    @Test
    void storesAndReadsBackById() {
        String id = newId();
        assertThat(store.find(id)).isEmpty();
        SubmissionResult queued = SubmissionResult.queued(id, Instant.now());
        assertThat(store.save(queued)).isTrue();
        assertThat(store.find(id)).hasValueSatisfying(r -> {
            assertThat(r.submissionId()).isEqualTo(id);
            assertThat(r.status()).isEqualTo(Status.QUEUED);
        });
    }

    @Test
    void keepsEveryFieldOfAFinishedResult() {
        String id = newId();
        SubmissionResult finished = new SubmissionResult(id, Status.FINISHED, "warning: x", List.of(
                new TestResult("a", Verdict.ACCEPTED, 2, Duration.ofMillis(120), Duration.ofMillis(130),
                        ByteSize.ofMiB(3), 0, 0, "3\n", "", "ok"),
                new TestResult("b", Verdict.RuntimeError.signal(11), 0, Duration.ofMillis(5), Duration.ofMillis(6),
                        ByteSize.ofKiB(900), -1, 11, "", "segfault", ""),
                new TestResult("c", Verdict.CPU_TIME_LIMIT, 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                        ByteSize.ofMiB(1), -1, 9, "", "", "")),
                Verdict.RuntimeError.signal(11), 2, 4, Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(store.save(finished)).isTrue();
        assertThat(store.find(id)).hasValue(finished);
    }

    @Test
    void movesOnlyForward() {
        String id = newId();
        assertThat(store.save(at(id, Status.RUNNING, 1))).isTrue();
        assertThat(store.save(at(id, Status.QUEUED, 0))).isFalse();
        assertThat(store.save(at(id, Status.COMPILING, 0))).isFalse();
        assertThat(store.save(at(id, Status.RUNNING, 2))).isTrue();
        assertThat(store.find(id)).hasValueSatisfying(r -> assertThat(r.tests()).hasSize(2));
    }

    @Test
    void aFinishedResultIsWrittenOnce() {
        String id = newId();
        SubmissionResult first = at(id, Status.FINISHED, 3);
        assertThat(store.save(first)).isTrue();
        assertThat(store.save(at(id, Status.FINISHED, 1))).isFalse();
        assertThat(store.save(at(id, Status.RUNNING, 1))).isFalse();
        assertThat(store.find(id)).hasValueSatisfying(r -> assertThat(r.tests()).hasSize(3));
    }

    @Test
    void concurrentFinalWritesLeaveExactlyOneWinner() throws Exception {
        String id = newId();
        store.save(at(id, Status.RUNNING, 0));
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        List<Integer> winners = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int w = 0; w < writers; w++) {
                int tests = w + 1;
                pool.submit(() -> {
                    start.await();
                    if (store.save(at(id, Status.FINISHED, tests))) {
                        wins.incrementAndGet();
                        winners.add(tests);
                    }
                    return null;
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(wins).hasValue(1);
        assertThat(store.find(id)).hasValueSatisfying(r -> assertThat(r.tests()).hasSize(winners.get(0)));
    }

    @Test
    void listenersSeeStoredChangesUntilUnsubscribed() throws Exception {
        String id = newId();
        List<SubmissionResult> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch two = new CountDownLatch(2);
        ResultStore.Subscription sub = store.subscribe(r -> {
            if (r.submissionId().equals(id)) {
                seen.add(r);
                two.countDown();
            }
        });
        store.save(at(id, Status.RUNNING, 0));
        store.save(at(id, Status.QUEUED, 0)); // refused: not a change, not notified
        store.save(at(id, Status.FINISHED, 1));
        assertThat(two.await(notificationDelay().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        sub.close();
        store.delete(id);
        store.save(at(id, Status.RUNNING, 0));
        Thread.sleep(Math.min(500, notificationDelay().toMillis()));
        assertThat(seen).extracting(SubmissionResult::status).containsExactly(Status.RUNNING, Status.FINISHED);
    }

    @Test
    void saveAllStoresEachAsSaveWouldAndTellsListenersOfTheStoredOnes() throws Exception {
        String running = newId();
        String finished = newId();
        String fresh = newId();
        store.save(at(running, Status.RUNNING, 1));
        store.save(at(finished, Status.FINISHED, 2));
        List<SubmissionResult> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch two = new CountDownLatch(2);
        ResultStore.Subscription sub = store.subscribe(r -> {
            if (Set.of(running, finished, fresh).contains(r.submissionId())) {
                seen.add(r);
                two.countDown();
            }
        });
        try {
            store.saveAll(List.of(
                    SubmissionResult.queued(fresh, Instant.now()),
                    at(running, Status.QUEUED, 0), // backwards: ignored
                    at(finished, Status.FINISHED, 5), // finished already: ignored
                    at(running, Status.RUNNING, 3)));
            assertThat(two.await(notificationDelay().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            Thread.sleep(Math.min(300, notificationDelay().toMillis()));
        } finally {
            sub.close();
        }
        assertThat(store.find(fresh)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(Status.QUEUED));
        assertThat(store.find(running)).hasValueSatisfying(r -> assertThat(r.tests()).hasSize(3));
        assertThat(store.find(finished)).hasValueSatisfying(r -> assertThat(r.tests()).hasSize(2));
        assertThat(seen).extracting(SubmissionResult::submissionId).containsExactlyInAnyOrder(fresh, running);
    }

    @Test
    void deleteRemovesAResult() {
        String id = newId();
        store.save(at(id, Status.FINISHED, 1));
        assertThat(store.delete(id)).isTrue();
        assertThat(store.find(id)).isEmpty();
        assertThat(store.delete(id)).isFalse();
    }
}
