package dev.judge.core.model;

/** Where a submission is on its way through the judge. Only moves forward. */
public enum Status {
    QUEUED, COMPILING, RUNNING, FINISHED;

    public boolean isFinal() {
        return this == FINISHED;
    }
}
