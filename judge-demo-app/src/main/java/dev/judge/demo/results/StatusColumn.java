package dev.judge.demo.results;

import dev.judge.core.model.Status;

/** A table whose rows keep a submission's {@code status}, moved forward by {@link SubmissionProgress}. */
public interface StatusColumn {

    /** Moves an unfinished row's status forward to {@code status}; never back, never past FINISHED. */
    boolean advance(String id, Status status);
}
