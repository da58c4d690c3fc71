package dev.judge.core.pipeline;

import dev.judge.core.model.PhaseTimes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Measures the phases of one submission as the pipeline goes through them, on the monotonic clock. Runs and
 * checks are recorded from the run slots' threads at once, so each run has its own cell and checks add up.
 */
final class PhaseClock {
    private final long start = System.nanoTime();
    private volatile long compileNanos;
    private final AtomicLongArray runNanos;
    private final LongAdder checkNanos = new LongAdder();

    PhaseClock(int tests) {
        this.runNanos = new AtomicLongArray(tests);
    }

    <T> T compile(Supplier<T> work) {
        long t = System.nanoTime();
        try {
            return work.get();
        } finally {
            compileNanos = System.nanoTime() - t;
        }
    }

    <T> T run(int index, Supplier<T> work) {
        long t = System.nanoTime();
        try {
            return work.get();
        } finally {
            runNanos.set(index, System.nanoTime() - t);
        }
    }

    <T> T check(Supplier<T> work) {
        long t = System.nanoTime();
        try {
            return work.get();
        } finally {
            checkNanos.add(System.nanoTime() - t);
        }
    }

    /** The phases so far, the total from this clock's start; no queue wait or store writes (the pipeline has none). */
    PhaseTimes times() {
        List<Duration> runs = new ArrayList<>(runNanos.length());
        for (int i = 0; i < runNanos.length(); i++) {
            runs.add(Duration.ofNanos(runNanos.get(i)));
        }
        return new PhaseTimes(Duration.ZERO, Duration.ofNanos(compileNanos), runs, Duration.ofNanos(checkNanos.sum()),
                Duration.ZERO, Duration.ofNanos(System.nanoTime() - start));
    }
}
