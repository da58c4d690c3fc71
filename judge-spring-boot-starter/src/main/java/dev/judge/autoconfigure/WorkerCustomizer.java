package dev.judge.autoconfigure;

import dev.judge.core.worker.Worker;

/**
 * Changes the {@link Worker.Builder} of the worker the judge hosts, after the {@code judge.worker.*} properties
 * were applied: claim wait, lease extension and anything the properties do not cover.
 */
@FunctionalInterface
public interface WorkerCustomizer {
    void customize(Worker.Builder builder);
}
