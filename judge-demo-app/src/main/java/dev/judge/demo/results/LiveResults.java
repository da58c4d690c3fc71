package dev.judge.demo.results;

import dev.judge.core.model.SubmissionResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Watchers of single submissions on this node (live event streams, Judge0 {@code wait=true} requests), told by
 * the {@link ResultFeed} after the {@link Recorder}, so a watcher told of a final result finds it in the table.
 */
@Component
public class LiveResults {
    private static final Logger log = LoggerFactory.getLogger(LiveResults.class);
    private final Map<String, List<Consumer<SubmissionResult>>> watchers = new ConcurrentHashMap<>();

    /** Calls {@code watcher} with every later change of {@code id}; close the returned handle to stop. */
    public AutoCloseable watch(String id, Consumer<SubmissionResult> watcher) {
        watchers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(watcher);
        return () -> watchers.computeIfPresent(id, (k, list) -> {
            list.remove(watcher);
            return list.isEmpty() ? null : list;
        });
    }

    /** Tells the watchers of {@code result}'s submission, on the calling thread. */
    void publish(SubmissionResult result) {
        List<Consumer<SubmissionResult>> list = watchers.get(result.submissionId());
        if (list == null) {
            return;
        }
        for (Consumer<SubmissionResult> w : list) {
            try {
                w.accept(result);
            } catch (RuntimeException e) {
                log.debug("watcher of {} failed", result.submissionId(), e);
            }
        }
    }

    int watching() {
        return watchers.size();
    }
}
