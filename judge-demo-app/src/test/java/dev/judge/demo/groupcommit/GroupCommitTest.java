package dev.judge.demo.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit against a writer that keeps "committed" items in memory and fails whole batches on demand:
 * every answer is backed by a commit, a failed batch answers each of its callers with an error and commits none of
 * them, batches really are shared, and closing writes what was handed in.
 */
class GroupCommitTest {
    /** What the writer committed, in commit order; a batch is added only when the whole batch succeeds. */
    private final List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService callers = Executors.newFixedThreadPool(32);
    private GroupCommit<Integer, String> commit;

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        if (commit != null) {
            commit.close();
        }
    }

    /** Fails a batch holding a negative item; refuses item 0 on its own; else commits all with a short pause. */
    private List<GroupCommit.Outcome<String>> write(List<Integer> items) {
        batchSizes.add(items.size());
        sleep(2); // a commit takes time, so arrivals pile up behind it
        if (items.stream().anyMatch(i -> i < 0)) {
            throw new IllegalStateException("disk full");
        }
        List<GroupCommit.Outcome<String>> out = new ArrayList<>();
        List<Integer> stored = new ArrayList<>();
        for (int i : items) {
            if (i == 0) {
                out.add(GroupCommit.Outcome.refused(new IllegalArgumentException("zero is refused")));
            } else {
                stored.add(i);
                out.add(GroupCommit.Outcome.of("id-" + i));
            }
        }
        committed.addAll(stored);
        return out;
    }

    @Test
    void everyAnswerIsCommittedAndConcurrentCallersShareBatches() throws Exception {
        commit = new GroupCommit<>("test-commit", 16, this::write);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            int item = i;
            answers.add(callers.submit(() -> commit.submit(item)));
        }
        for (int i = 1; i <= 1000; i++) {
            String id = answers.get(i - 1).get(30, TimeUnit.SECONDS);
            assertThat(id).isEqualTo("id-" + i);
            synchronized (committed) {
                assertThat(committed).as("answered only once committed").contains(i);
            }
        }
        assertThat(committed).hasSize(1000).doesNotHaveDuplicates();
        assertThat(batchSizes).allSatisfy(n -> assertThat(n).isBetween(1, 16));
        assertThat(batchSizes.size()).as("32 callers at once share commits").isLessThan(1000);
    }

    @Test
    void aFailedBatchFailsEachOfItsCallersAndCommitsNoneOfThem() throws Exception {
        commit = new GroupCommit<>("test-commit", 64, this::write);
        Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
        Map<Integer, String> answers = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(400);
        for (int i = 1; i <= 400; i++) {
            int item = i % 50 == 0 ? -i : i; // a few poisoned items spread over the run
            callers.execute(() -> {
                try {
                    answers.put(item, commit.submit(item));
                } catch (RuntimeException e) {
                    failures.put(item, e);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures.keySet()).as("every poisoned item fails").contains(-50, -100, -150, -200, -250, -300, -350,
                -400);
        assertThat(failures.values()).allSatisfy(e -> assertThat(e).isInstanceOf(GroupCommitException.class)
                .hasMessageContaining("not stored").hasMessageContaining("disk full")
                .hasCauseInstanceOf(IllegalStateException.class));
        assertThat(answers.size() + failures.size()).isEqualTo(400);
        // all or nothing per caller: an answer means committed, a failure means not committed
        assertThat(committed).containsExactlyInAnyOrderElementsOf(answers.keySet());
        assertThat(committed).doesNotContainAnyElementsOf(failures.keySet());
        // and the writer goes on after a failed batch
        assertThat(commit.submit(7)).isEqualTo("id-7");
    }

    @Test
    void severalWritersWriteBatchesSideBySide() throws Exception {
        AtomicInteger writing = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        commit = new GroupCommit<>("test-commit", 8, 3, items -> {
            mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
            try {
                return write(items);
            } finally {
                writing.decrementAndGet();
            }
        });
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            int item = i;
            answers.add(callers.submit(() -> commit.submit(item)));
        }
        for (int i = 1; i <= 600; i++) {
            assertThat(answers.get(i - 1).get(30, TimeUnit.SECONDS)).isEqualTo("id-" + i);
        }
        assertThat(committed).hasSize(600).doesNotHaveDuplicates();
        assertThat(batchSizes).allSatisfy(n -> assertThat(n).isBetween(1, 8));
        assertThat(mostAtOnce.get()).as("batches written at the same time").isBetween(2, 3);
    }

    @Test
    void closingWithSeveralWritersWritesEverythingHandedInAndStopsEveryWriter() throws Exception {
        commit = new GroupCommit<>("test-commit", 4, 3, this::write);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            int item = i;
            answers.add(callers.submit(() -> commit.submit(item)));
        }
        while (committed.isEmpty()) {
            sleep(1);
        }
        commit.close(); // returns once every writer has stopped
        int answered = 0;
        for (Future<String> f : answers) {
            try {
                f.get(10, TimeUnit.SECONDS);
                answered++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(GroupCommitException.class).hasMessageContaining("shutting down");
            }
        }
        assertThat(committed).as("every item handed in before close is written").hasSize(answered);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("test-commit-"));
    }

    @Test
    void refusesFewerThanOneWriter() {
        assertThatThrownBy(() -> new GroupCommit<Integer, String>("test-commit", 4, 0, this::write))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("writers must be at least 1, was 0");
    }

    @Test
    void aRefusedItemFailsOnlyItsCaller() {
        commit = new GroupCommit<>("test-commit", 8, items -> {
            List<GroupCommit.Outcome<String>> out = new ArrayList<>();
            for (int i : items) {
                out.add(i == 0 ? GroupCommit.Outcome.refused(new IllegalArgumentException("zero is refused"))
                        : GroupCommit.Outcome.of("id-" + i));
            }
            return out;
        });
        assertThatThrownBy(() -> commit.submit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zero is refused");
        assertThat(commit.submit(1)).isEqualTo("id-1");
    }

    @Test
    void aWriterAnsweringTheWrongNumberOfOutcomesFailsTheBatch() {
        commit = new GroupCommit<>("test-commit", 8, items -> List.of());
        assertThatThrownBy(() -> commit.submit(1)).isInstanceOf(GroupCommitException.class)
                .hasMessageContaining("answered 0 outcomes for 1 items");
    }

    @Test
    void closingWritesWhatWasHandedInAndRefusesTheRest() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        commit = new GroupCommit<>("test-commit", 4, items -> {
            writing.countDown();
            await(release);
            return write(items);
        });
        List<Future<String>> answers = new ArrayList<>();
        answers.add(callers.submit(() -> commit.submit(1)));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 2; i <= 10; i++) {
            int item = i;
            answers.add(callers.submit(() -> commit.submit(item)));
        }
        sleep(200); // the nine callers are waiting behind the first batch
        Future<?> closing = callers.submit(commit::close);
        sleep(50);
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        for (int i = 1; i <= 10; i++) {
            assertThat(answers.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("id-" + i);
        }
        assertThat(committed).hasSize(10);
        assertThatThrownBy(() -> commit.submit(11)).isInstanceOf(GroupCommitException.class)
                .hasMessageContaining("shutting down");
    }

    @Test
    void anInterruptedCallerStillGetsItsAnswerAndKeepsTheInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        commit = new GroupCommit<>("test-commit", 4, items -> {
            await(release);
            return write(items);
        });
        AtomicReference<String> answer = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            answer.set(commit.submit(5));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        sleep(100);
        caller.interrupt();
        sleep(50);
        assertThat(caller.isAlive()).as("waits for the commit despite the interrupt").isTrue();
        release.countDown();
        caller.join(10_000);
        assertThat(answer.get()).isEqualTo("id-5");
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(committed).containsExactly(5);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
