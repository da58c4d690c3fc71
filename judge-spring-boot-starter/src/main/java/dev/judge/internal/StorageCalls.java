package dev.judge.internal;

import dev.judge.core.queue.QueueException;
import dev.judge.core.store.StoreException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs calls to a storage client and turns its failures into the {@link QueueException} or
 * {@link StoreException} the SPIs promise, retriable when the storage will recover (down, restarting, busy).
 * Internal to the starter.
 */
public final class StorageCalls {
    private final String unavailable;
    private final Predicate<RuntimeException> isStorageFailure;
    private final Predicate<Throwable> isRetriable;

    /**
     * @param storage          what the message calls the storage when it is unavailable ("database", "Redis")
     * @param isStorageFailure which exceptions come from the storage client; others pass through unchanged
     * @param isRetriable      which of those the storage will recover from
     */
    public StorageCalls(String storage, Predicate<RuntimeException> isStorageFailure,
            Predicate<Throwable> isRetriable) {
        this.unavailable = " (" + storage + " unavailable, retry later)";
        this.isStorageFailure = isStorageFailure;
        this.isRetriable = isRetriable;
    }

    /** Runs a job queue's call {@code what}; a storage failure becomes a {@link QueueException}. */
    public <T> T queue(String what, Supplier<T> call) {
        return run(what, call, QueueException::new);
    }

    /** Runs a result store's call {@code what}; a storage failure becomes a {@link StoreException}. */
    public <T> T store(String what, Supplier<T> call) {
        return run(what, call, StoreException::new);
    }

    private <T> T run(String what, Supplier<T> call, Failure failure) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (!isStorageFailure.test(e)) {
                throw e;
            }
            boolean retriable = isRetriable.test(e);
            throw failure.of(what + " failed" + (retriable ? unavailable : "") + ": " + e.getMessage(), retriable, e);
        }
    }

    @FunctionalInterface
    private interface Failure {
        RuntimeException of(String message, boolean retriable, Throwable cause);
    }
}
