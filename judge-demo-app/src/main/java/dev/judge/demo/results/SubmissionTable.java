package dev.judge.demo.results;

import dev.judge.core.model.Status;
import java.time.Instant;
import java.util.List;

/**
 * A table that keeps one API's submissions (the server's own, Judge0's), as the {@link Recorder} writes the
 * judge's results into it. Every write is conditional on the row's state, so a change heard by several nodes
 * lands once.
 */
public interface SubmissionTable {

    /** Moves an unfinished row's status forward to {@code status}; never back, never past FINISHED. */
    boolean advance(String id, Status status);

    /** Stores the final result unless one is stored; true when this call stored it (this table holds the id). */
    boolean finish(String id, ResultDocument result, Instant finishedAt);

    /** Acts once on a finish {@link #finish} stored (the API's callback). */
    void finished(String id);

    /** Ids still waiting for a final result, checked against the judge's store at start. */
    List<String> unfinished(int limit);
}
