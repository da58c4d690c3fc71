package dev.judge.demo.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.model.RunResult;
import dev.judge.core.model.Verdict;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Identical runs answer from the cache; anything that decides a run makes another key; failures are not kept. */
class RunCacheTest {
    private final AtomicInteger runs = new AtomicInteger();

    private RunResult result(Verdict verdict, String stdout) {
        runs.incrementAndGet();
        return new RunResult(verdict, "", stdout, "", 0, 0, Duration.ofMillis(3), Duration.ofMillis(5),
                ByteSize.ofMiB(1), false, "");
    }

    @Test
    void theSameRunIsServedOnceAndEveryInputChangesTheKey() {
        RunCache cache = new RunCache(new RunCacheProperties(true, DataSize.ofMegabytes(1), Duration.ofMinutes(1)));
        Limits limits = Limits.defaults();
        RunCache.Outcome first = cache.get("c", "src", "1 2", limits, () -> result(new Verdict.Accepted(), "3"));
        RunCache.Outcome again = cache.get("c", "src", "1 2", limits, () -> result(new Verdict.Accepted(), "x"));
        assertThat(first.cached()).isFalse();
        assertThat(again.cached()).isTrue();
        assertThat(again.result().stdout()).isEqualTo("3");
        assertThat(runs).hasValue(1);
        cache.get("cpp", "src", "1 2", limits, () -> result(new Verdict.Accepted(), "3"));
        cache.get("c", "src2", "1 2", limits, () -> result(new Verdict.Accepted(), "3"));
        cache.get("c", "src", "1 3", limits, () -> result(new Verdict.Accepted(), "4"));
        cache.get("c", "src", "1 2", limits.withCpuTime(Duration.ofSeconds(9)), () -> result(new Verdict.Accepted(), "3"));
        assertThat(runs).hasValue(5);
        // the parts are length-prefixed: moving text from source to input is another run
        assertThat(RunCache.key("c", "ab", "c", limits)).isNotEqualTo(RunCache.key("c", "a", "bc", limits));
    }

    @Test
    void internalErrorsAreNotKeptAndADisabledCacheRunsEveryTime() {
        RunCache cache = new RunCache(new RunCacheProperties(true, DataSize.ofMegabytes(1), Duration.ofMinutes(1)));
        cache.get("c", "s", "", Limits.defaults(), () -> result(new Verdict.InternalError("sandbox down"), ""));
        assertThat(cache.get("c", "s", "", Limits.defaults(), () -> result(new Verdict.Accepted(), "")).cached())
                .isFalse();
        RunCache off = new RunCache(new RunCacheProperties(false, DataSize.ofMegabytes(1), Duration.ofMinutes(1)));
        off.get("c", "s", "", Limits.defaults(), () -> result(new Verdict.Accepted(), ""));
        assertThat(off.get("c", "s", "", Limits.defaults(), () -> result(new Verdict.Accepted(), "")).cached()).isFalse();
        assertThat(runs).hasValue(4);
    }

    @Test
    void theCacheIsBoundedByTheBytesOfItsResults() {
        RunCache cache = new RunCache(new RunCacheProperties(true, DataSize.ofKilobytes(64), Duration.ofMinutes(1)));
        String big = "x".repeat(8 * 1024);
        for (int i = 0; i < 50; i++) {
            cache.get("c", "s", Integer.toString(i), Limits.defaults(), () -> result(new Verdict.Accepted(), big));
        }
        cache.cleanUp();
        assertThat(cache.size()).as("64 KiB hold at most four results of 16 KiB").isLessThanOrEqualTo(4);
    }
}
