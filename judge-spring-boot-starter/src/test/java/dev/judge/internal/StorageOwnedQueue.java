package dev.judge.internal;

import dev.judge.core.model.SubmissionResult;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.DeadLetter;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.queue.QueuePolicy;
import dev.judge.core.store.ResultStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A storage's job queue whose {@code close} closes the whole storage (JDBC or Redis), since the queue TCK knows
 * only the queue.
 */
public record StorageOwnedQueue(JobQueue queue, AutoCloseable storage) implements JobQueue {
    @Override
    public void enqueue(JudgeJob job) {
        queue.enqueue(job);
    }

    @Override
    public void enqueueAll(List<JudgeJob> jobs) {
        queue.enqueueAll(jobs);
    }

    @Override
    public Optional<ClaimedJob> claim(Set<String> languages, Duration maxWait) throws InterruptedException {
        return queue.claim(languages, maxWait);
    }

    @Override
    public boolean ack(ClaimedJob claimed) {
        return queue.ack(claimed);
    }

    @Override
    public boolean complete(ClaimedJob claimed, SubmissionResult result, ResultStore store) {
        return queue.complete(claimed, result, store);
    }

    @Override
    public Completion completeAndClaim(ClaimedJob claimed, SubmissionResult result, ResultStore store,
            Set<String> languages) {
        return queue.completeAndClaim(claimed, result, store, languages);
    }

    @Override
    public boolean release(ClaimedJob claimed, String reason) {
        return queue.release(claimed, reason);
    }

    @Override
    public boolean extend(ClaimedJob claimed) {
        return queue.extend(claimed);
    }

    @Override
    public long depth() {
        return queue.depth();
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return queue.deadLetters(limit);
    }

    @Override
    public boolean discardDeadLetter(String jobId) {
        return queue.discardDeadLetter(jobId);
    }

    @Override
    public QueuePolicy policy() {
        return queue.policy();
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the storage failed", e);
        }
    }
}
