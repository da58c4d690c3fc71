package dev.judge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Priority;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueueException;
import dev.judge.core.store.ResultStore;
import dev.judge.core.store.StoreException;
import dev.judge.core.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The broker goes down and comes back while jobs are accepted and judged. Every job whose enqueue returned
 * must be judged; while the broker is down producers get retriable errors, never a silent loss.
 */
public abstract class BrokerRestartTestBase {

    protected abstract JobQueue queue();

    protected abstract ResultStore store();

    /** Takes the broker down (it stays down until {@link #startBroker()}). */
    protected abstract void stopBroker() throws Exception;

    protected abstract void startBroker() throws Exception;

    protected abstract String backendName();

    @Test
    void jobsAcceptedBeforeDuringAndAfterARestartAreAllJudged() throws Exception {
        List<String> accepted = new CopyOnWriteArrayList<>();
        List<QueueException> refusals = new CopyOnWriteArrayList<>();
        AtomicBoolean brokerDown = new AtomicBoolean();
        List<Boolean> refusedWhileDown = new CopyOnWriteArrayList<>();
        int n = 400;
        try (Worker worker = Worker.builder().queue(queue()).store(store()).pipeline(new SumPipeline())
                .concurrency(4).claimWait(Duration.ofMillis(500)).leaseExtension(Duration.ofSeconds(1))
                .drainTimeout(Duration.ofSeconds(5)).build()) {
            worker.start();
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < n; i++) {
                    JudgeJob job = new JudgeJob("restart-" + i + "-" + UUID.randomUUID(),
                            SumPipeline.submission(i, true, 30), Priority.NORMAL, Instant.now());
                    while (true) {
                        try {
                            queue().enqueue(job);
                            accepted.add(job.id());
                            break;
                        } catch (QueueException e) {
                            refusals.add(e);
                            refusedWhileDown.add(brokerDown.get());
                            sleep(200); // a producer's retry: same job, same id
                        }
                    }
                    sleep(10);
                }
            });
            Thread.sleep(1500);
            long acceptedBefore = accepted.size();
            brokerDown.set(true);
            stopBroker();
            // Down for at least two seconds, and until a producer has been refused: how long a refusal takes
            // depends on the client's connect timeout, which must not decide whether the test sees one.
            Thread.sleep(2000);
            long downUntil = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (refusals.isEmpty() && System.nanoTime() < downUntil) {
                Thread.sleep(100);
            }
            startBroker();
            brokerDown.set(false);
            producer.get(120, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            List<String> missing = new ArrayList<>(accepted);
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                missing.removeIf(id -> finished(id).isPresent());
                Thread.sleep(200);
            }
            assertThat(missing).as("accepted jobs without a final result").isEmpty();
            assertThat(acceptedBefore).as("jobs accepted before the restart").isPositive();
        }
        assertThat(accepted).hasSize(n);
        for (String id : accepted) {
            assertThat(finished(id)).hasValueSatisfying(r -> assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED));
        }
        assertThat(refusals).as("producers are told while the broker is down").isNotEmpty();
        assertThat(refusals).allSatisfy(e -> assertThat(e.isRetriable()).as(e.toString()).isTrue());
        assertThat(queue().deadLetters(10)).isEmpty();
        System.out.printf("%s restart: %d jobs accepted, %d enqueue attempts refused (all retriable) while down,"
                + " all judged%n", backendName(), accepted.size(), refusals.size());
    }

    private Optional<SubmissionResult> finished(String id) {
        try {
            return store().find(id).filter(SubmissionResult::isFinished);
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
