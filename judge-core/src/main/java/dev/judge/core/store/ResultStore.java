package dev.judge.core.store;

import dev.judge.core.model.SubmissionResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Status and results of each submission, readable by id, with change notification for live updates.
 *
 * <p>Writes are idempotent and only move forward: once a result is {@code FINISHED} it never changes, so a
 * redelivered job cannot produce a second result. Implementations are thread-safe and may be shared across
 * processes.
 */
public interface ResultStore extends AutoCloseable {

    /**
     * Stores {@code result} unless the stored one is already finished or further along (a later status).
     *
     * @return true if stored, false if ignored because it would move the submission backwards or change a
     *         finished result
     */
    boolean save(SubmissionResult result);

    /**
     * Stores several results, as {@link #save} of each in order would, without reporting which were ignored. An
     * implementation may send them together (one round trip to its database).
     */
    default void saveAll(List<SubmissionResult> results) {
        Objects.requireNonNull(results, "results");
        for (SubmissionResult result : results) {
            save(result);
        }
    }

    /** The latest stored state of a submission. */
    Optional<SubmissionResult> find(String submissionId);

    /**
     * Calls {@code listener} for every stored change of any submission, from any node sharing this store,
     * until the returned handle is closed. Listeners run on a store thread and must not block.
     */
    Subscription subscribe(ResultListener listener);

    /** Removes a submission's result. Returns whether there was one. */
    boolean delete(String submissionId);

    @Override
    default void close() {
    }

    /** Stops notifications to one listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
