package dev.judge.demo.results;

/**
 * What one API does once this node stored the final result of one of its submissions that has a callback URL:
 * the delivery in that API's own shape. Called once per finish in the whole cluster (the node whose write landed).
 */
public interface FinishCallback {

    /** The API whose submissions this callback serves. */
    Api api();

    /** Delivers the finished submission {@code id} to its callback URL. */
    void finished(String id);
}
