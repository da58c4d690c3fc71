package dev.judge.core.pipeline;

import dev.judge.core.model.ByteSize;

/**
 * Counters of the compiled-artifact cache since the judge started.
 *
 * @param hits      compiles answered from the cache, including calls that joined an identical compile in progress
 * @param misses    compiles that ran (or failed) in the sandbox
 * @param evictions entries dropped to stay within the size bound
 * @param entries   entries held now
 * @param size      bytes held now (artifacts and compiler output)
 * @param maxSize   the configured bound
 */
public record ArtifactCacheStats(long hits, long misses, long evictions, long entries, ByteSize size, ByteSize maxSize) {

    /** Hits divided by requests, or 1 when there were none. */
    public double hitRate() {
        long requests = hits + misses;
        return requests == 0 ? 1.0 : (double) hits / requests;
    }
}
