package dev.judge.core.store;

import dev.judge.core.model.SubmissionResult;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class InMemoryResultStore implements ResultStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryResultStore.class);

    private final ConcurrentMap<String, SubmissionResult> results = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<ResultListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public boolean save(SubmissionResult result) {
        Objects.requireNonNull(result, "result");
        boolean[] stored = {false};
        results.compute(result.submissionId(), (id, current) -> {
            if (StoreRules.mayReplace(current, result)) {
                stored[0] = true;
                return result;
            }
            return current;
        });
        if (stored[0]) {
            notifyListeners(result);
        }
        return stored[0];
    }

    private void notifyListeners(SubmissionResult result) {
        for (ResultListener l : listeners) {
            try {
                l.onChange(result);
            } catch (RuntimeException e) {
                // One broken listener must not stop the others or fail the write that already happened.
                LOG.warn("result listener failed for submission {}", result.submissionId(), e);
            }
        }
    }

    @Override
    public Optional<SubmissionResult> find(String submissionId) {
        return Optional.ofNullable(results.get(Objects.requireNonNull(submissionId, "submissionId")));
    }

    @Override
    public Subscription subscribe(ResultListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public boolean delete(String submissionId) {
        return results.remove(Objects.requireNonNull(submissionId, "submissionId")) != null;
    }
}
