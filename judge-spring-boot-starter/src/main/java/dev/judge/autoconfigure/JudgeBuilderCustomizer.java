package dev.judge.autoconfigure;

import dev.judge.core.judge.Judge;

/**
 * Changes the {@link Judge.Builder} after the {@code judge.*} properties were applied and before the judge is
 * built: the hook for run slots, cache size, caps, the queue bound and anything the properties do not cover.
 */
@FunctionalInterface
public interface JudgeBuilderCustomizer {
    void customize(Judge.Builder builder);
}
