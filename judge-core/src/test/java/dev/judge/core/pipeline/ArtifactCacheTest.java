package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.ByteSize;
import dev.judge.core.sandbox.SandboxFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ArtifactCacheTest {

    private static Compiled artifact(int bytes) {
        return Compiled.ok(List.of(SandboxFile.of("m", new byte[bytes])), "");
    }

    @Test
    void countsHitsAndMisses() {
        ArtifactCache cache = new ArtifactCache(ByteSize.ofMiB(1));
        AtomicInteger compiles = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            cache.get("k1", () -> {
                compiles.incrementAndGet();
                return artifact(10);
            });
        }
        cache.get("k2", () -> artifact(10));
        ArtifactCacheStats s = cache.stats();
        assertThat(compiles).hasValue(1);
        assertThat(s.hits()).isEqualTo(2);
        assertThat(s.misses()).isEqualTo(2);
        assertThat(s.entries()).isEqualTo(2);
        assertThat(s.size()).isEqualTo(ByteSize.ofBytes(2 * (10 + 1)));
        assertThat(s.hitRate()).isEqualTo(0.5);
    }

    @Test
    void isBoundedByTheBytesOfItsArtifacts() {
        ArtifactCache cache = new ArtifactCache(ByteSize.ofKiB(100));
        for (int i = 0; i < 10; i++) {
            cache.get("k" + i, () -> artifact(30 * 1024));
        }
        cache.cleanUp();
        ArtifactCacheStats s = cache.stats();
        assertThat(s.size().bytes()).isLessThanOrEqualTo(100 * 1024);
        assertThat(s.entries()).isBetween(1L, 3L);
        assertThat(s.evictions()).isGreaterThanOrEqualTo(7);
        assertThat(s.maxSize()).isEqualTo(ByteSize.ofKiB(100));
    }

    @Test
    void concurrentIdenticalCompilesRunOnce() throws Exception {
        ArtifactCache cache = new ArtifactCache(ByteSize.ofMiB(1));
        AtomicInteger compiles = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Compiled>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return cache.get("same", () -> {
                        compiles.incrementAndGet();
                        sleep(200);
                        return artifact(5);
                    });
                }));
            }
            start.countDown();
            Compiled first = futures.get(0).get(10, TimeUnit.SECONDS);
            for (Future<Compiled> f : futures) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(compiles).hasValue(1);
        assertThat(cache.stats().misses()).isEqualTo(1);
        assertThat(cache.stats().hits()).isEqualTo(7);
    }

    @Test
    void failuresAndUncacheableOutcomesAreNotKept() {
        ArtifactCache cache = new ArtifactCache(ByteSize.ofMiB(1));
        assertThatThrownBy(() -> cache.get("k", () -> {
            throw new CompileFailure("sandbox down");
        })).isInstanceOf(CompileFailure.class).hasMessage("sandbox down");
        AtomicInteger compiles = new AtomicInteger();
        cache.get("k", () -> {
            compiles.incrementAndGet();
            return Compiled.error("time limit", false);
        });
        Compiled ok = cache.get("k", () -> {
            compiles.incrementAndGet();
            return artifact(1);
        });
        assertThat(ok.success()).isTrue();
        assertThat(compiles).hasValue(2);
        assertThat(cache.get("k", () -> artifact(2))).isSameAs(ok);
    }

    @Test
    void keysCoverEveryInputUnambiguously() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.c", "int a;".getBytes());
        files.put("b.c", "int b;".getBytes());
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        reordered.put("b.c", "int b;".getBytes());
        reordered.put("a.c", "int a;".getBytes());
        String k = ArtifactCache.key(List.of("c", "12.2", "gcc -O2"), files);
        assertThat(k).hasSize(64).isEqualTo(ArtifactCache.key(List.of("c", "12.2", "gcc -O2"), reordered));
        assertThat(ArtifactCache.key(List.of("c", "12.3", "gcc -O2"), files)).isNotEqualTo(k);
        assertThat(ArtifactCache.key(List.of("c", "12.2", "gcc -O3"), files)).isNotEqualTo(k);
        assertThat(ArtifactCache.key(List.of("cpp", "12.2", "gcc -O2"), files)).isNotEqualTo(k);
        assertThat(ArtifactCache.key(List.of("c", "12.2", "gcc -O2"), Map.of("a.c", "int a;".getBytes())))
                .isNotEqualTo(k);
        assertThat(ArtifactCache.key(List.of("ab", "c"), Map.of()))
                .isNotEqualTo(ArtifactCache.key(List.of("a", "bc"), Map.of()));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
