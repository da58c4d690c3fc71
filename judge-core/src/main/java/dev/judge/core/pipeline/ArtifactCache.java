package dev.judge.core.pipeline;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.judge.core.model.ByteSize;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Compiled artifacts by content hash, bounded by their bytes. Identical compiles that overlap in time run once:
 * the first caller computes on its own thread, the others wait for its future.
 */
final class ArtifactCache {
    private final AsyncCache<String, Compiled> cache;
    private final ByteSize maxSize;

    ArtifactCache(ByteSize maxSize) {
        this.maxSize = maxSize;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxSize.bytes())
                .weigher((String key, Compiled value) -> (int) Math.min(Integer.MAX_VALUE, value.weight()))
                .recordStats()
                // Eviction and removal bookkeeping on the calling thread: no hidden use of the common pool.
                .executor(Runnable::run)
                .buildAsync();
    }

    /**
     * The cached outcome for {@code key}, or {@code compile}'s result, computed once however many callers ask
     * at the same time. A thrown exception, or an outcome that is not cacheable, is not kept.
     */
    Compiled get(String key, Supplier<Compiled> compile) {
        CompletableFuture<Compiled> mine = new CompletableFuture<>();
        CompletableFuture<Compiled> shared = cache.get(key, (k, executor) -> mine);
        if (shared == mine) {
            try {
                Compiled c = compile.get();
                mine.complete(c);
                if (!c.cacheable()) {
                    cache.asMap().remove(key, mine);
                }
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                cache.asMap().remove(key, mine);
                throw e;
            }
        }
        try {
            return shared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompileFailure("interrupted while waiting for an identical compile", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new CompileFailure("an identical compile failed: " + cause, cause);
        }
    }

    ArtifactCacheStats stats() {
        CacheStats s = cache.synchronous().stats();
        long weight = cache.synchronous().policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
        return new ArtifactCacheStats(s.hitCount(), s.missCount(), s.evictionCount(),
                cache.synchronous().estimatedSize(), ByteSize.ofBytes(weight), maxSize);
    }

    /** Runs pending maintenance (evictions) now; for tests and stats that must be exact. */
    void cleanUp() {
        cache.synchronous().cleanUp();
    }

    /**
     * SHA-256 over every input that decides the artifact: each part and each file is length-prefixed so no
     * two different inputs can produce the same byte stream.
     */
    static String key(List<String> parts, Map<String, byte[]> files) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                update(d, p.getBytes(StandardCharsets.UTF_8));
            }
            files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                update(d, e.getKey().getBytes(StandardCharsets.UTF_8));
                update(d, e.getValue());
            });
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static void update(MessageDigest d, byte[] bytes) {
        int n = bytes.length;
        d.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        d.update(bytes);
    }
}
