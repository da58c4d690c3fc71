package dev.judge.demo.results;

import dev.judge.core.model.SubmissionResult;
import java.util.List;

/**
 * Acts on the judge's stored changes, in order, on the {@link ResultFeed}'s thread. Handlers run in their
 * {@code @Order}: the recorders that persist final results come before the live listeners.
 */
public interface ResultHandler {

    void handle(SubmissionResult result);

    /** Ids this handler still waits a final result for (checked against the store at start). */
    default List<String> unfinished() {
        return List.of();
    }
}
