package dev.judge.autoconfigure;

import dev.judge.core.worker.Worker;

/** Changes the {@link Worker.Builder} after the {@code judge.worker.*} properties were applied. */
@FunctionalInterface
public interface WorkerCustomizer {
    void customize(Worker.Builder builder);
}
