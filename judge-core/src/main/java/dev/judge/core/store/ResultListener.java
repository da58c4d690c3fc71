package dev.judge.core.store;

import dev.judge.core.model.SubmissionResult;

/** Receives each stored change of a submission's result. */
@FunctionalInterface
public interface ResultListener {
    void onChange(SubmissionResult result);
}
