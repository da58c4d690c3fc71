package dev.judge.core.queue;

import dev.judge.core.model.SubmissionResult;
import dev.judge.core.store.ResultStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Durable hand-off of judging jobs from whoever accepts submissions to the workers. At-least-once delivery:
 * a claimed job is leased for the policy's visibility timeout and comes back if its worker neither acks nor
 * releases it in time. A job is delivered at most {@link QueuePolicy#maxAttempts()} times: released on its last
 * attempt, or leased on its last attempt until the lease ends, it goes to the dead letters. Implementations are
 * thread-safe and may be shared across processes; {@code dev.judge.core.queue.tck.JobQueueContract} in the core's
 * test-jar is the contract they pass.
 *
 * <p>Named to avoid {@link java.util.Queue}.
 */
public interface JobQueue extends AutoCloseable {

    /**
     * Accepts a job. Returns only once the job is durably stored (as durable as the implementation is).
     * Enqueueing an id that is already waiting or leased does nothing; an id that was acked or dead-lettered may be
     * enqueued again (a rejudge) and starts over at attempt 1.
     *
     * @throws QueueException when the job could not be accepted; retriable when the broker is unavailable
     */
    void enqueue(JudgeJob job);

    /**
     * Accepts several jobs, as {@link #enqueue} of each in order would. An implementation may send them together
     * (one round trip to its database); atomic only inside a transaction the implementation joins.
     *
     * @throws QueueException when the jobs could not be accepted; some may have been when there is no such
     *                        transaction
     */
    default void enqueueAll(List<JudgeJob> jobs) {
        Objects.requireNonNull(jobs, "jobs");
        for (JudgeJob job : jobs) {
            enqueue(job);
        }
    }

    /**
     * Claims the next visible job, highest priority first and oldest first within a lane, waiting up to
     * {@code maxWait} for one to appear.
     *
     * @param languages the languages this worker serves; empty means all
     * @param maxWait   how long to wait for a job; zero returns at once
     * @return the leased job, or empty if none became visible in time
     * @throws InterruptedException     when the calling thread is interrupted while waiting
     * @throws IllegalArgumentException when {@code maxWait} is negative
     */
    Optional<ClaimedJob> claim(Set<String> languages, Duration maxWait) throws InterruptedException;

    /** Marks the job done and removes it. A stale lease (expired and re-claimed) is ignored: returns false. */
    boolean ack(ClaimedJob claimed);

    /**
     * Stores a claimed job's final result in {@code store} and acknowledges the job: {@code store.save(result)} then
     * {@link #ack}, which is what this default does. A queue that keeps its jobs in the same database as {@code
     * store} does both in one transaction (the JDBC adapter, with the result store of the same storage): a judged
     * job then costs one commit instead of two, and either both land or neither does, so the job is judged again.
     * The result is stored even when the lease is stale, as {@link ResultStore#save} decides (a finished result is
     * never replaced).
     *
     * @return what {@link #ack} returns: false when the lease was stale
     */
    default boolean complete(ClaimedJob claimed, SubmissionResult result, ResultStore store) {
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(store, "store");
        store.save(result);
        return ack(claimed);
    }

    /**
     * {@link #complete} of {@code claimed}, then a claim of the next visible job of {@code languages} as {@code
     * claim(languages, Duration.ZERO)} makes it: what a worker does between two jobs. A queue that completes in
     * one transaction does this in the same transaction (the JDBC adapter, with the result store of its own
     * storage), so a busy worker pays one commit per judged job instead of two; this default calls the two in turn.
     * It never waits: without a visible job, on an interrupted thread (which stays interrupted), or when the claim
     * fails after the completion stood (the worker's own claim meets that failure next), the next job is empty.
     *
     * @return what {@link #complete} returns and the next leased job, if any
     */
    default Completion completeAndClaim(ClaimedJob claimed, SubmissionResult result, ResultStore store,
            Set<String> languages) {
        Objects.requireNonNull(languages, "languages");
        boolean acked = complete(claimed, result, store);
        try {
            return new Completion(acked, claim(languages, Duration.ZERO));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (QueueException e) {
            // The completion stood; the worker's own claim that follows reports the queue's failure.
        }
        return new Completion(acked, Optional.empty());
    }

    /**
     * What {@link #completeAndClaim} did: whether the completed job was acknowledged (false for a stale lease) and
     * the next job it leased, if one was visible.
     */
    record Completion(boolean acked, Optional<ClaimedJob> next) {
        public Completion {
            Objects.requireNonNull(next, "next");
        }
    }

    /**
     * Gives the job back after a failure: it becomes visible again after the policy's backoff, or goes to the
     * dead letters when it reached the policy's maximum attempts. Returns false for a stale lease.
     */
    boolean release(ClaimedJob claimed, String reason);

    /** Extends the lease by the visibility timeout from now. Returns false when the lease is stale. */
    boolean extend(ClaimedJob claimed);

    /**
     * Jobs waiting or leased (not dead), for back-pressure. Read often, so an adapter may answer with an estimate
     * instead of counting every job: the JDBC adapter does past 10,000 jobs on PostgreSQL, and on H2 always (the
     * table's row count, which includes jobs of transactions not yet committed).
     */
    long depth();

    /**
     * The most recent dead letters, newest first, at most {@code limit}.
     *
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    List<DeadLetter> deadLetters(int limit);

    /**
     * Removes the dead letters of job {@code jobId} (an administrator has dealt with it: judged it again under a new
     * id, or given up on it); true when there was one. Nothing else changes: the job stays given up on.
     */
    boolean discardDeadLetter(String jobId);

    /** The rules this queue applies. */
    QueuePolicy policy();

    @Override
    default void close() {
    }
}
