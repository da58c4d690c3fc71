package dev.judge.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the time of one submission went, measured by the judge on its own clock (wall time, not CPU time). It
 * answers "why did this take so long" without a profiler: a submission's total against the sum of its phases
 * shows the cost the phases do not name (waiting for a run slot, events, aggregation).
 *
 * <p>A phase that did not happen is {@link Duration#ZERO}: {@code queued} and {@code storeWrites} for a
 * synchronous {@code judge(...)} call (no queue, no store), {@code compile} for a cache hit or an interpreted
 * language's cached check.
 *
 * @param queued      accept to claim: how long the job waited in the queue for a worker
 * @param compile     the compile step as the pipeline waited for it (a real compile, or the wait for one that
 *                    another submission of the same source had started; near zero on a cache hit)
 * @param runs        each test's run as the pipeline saw it around the sandbox call (sandbox set-up and
 *                    tear-down included), in test order; zero for a test that was not run
 * @param checks      all comparisons of outputs together (comparators and checker programs)
 * @param storeWrites the worker's store calls before the final result: the check for an earlier final result and
 *                    every progress snapshot (written on another thread, so they overlap the runs)
 * @param total       accept (or the start of a synchronous call) to the finished result, before it is stored
 */
public record PhaseTimes(Duration queued, Duration compile, List<Duration> runs, Duration checks,
        Duration storeWrites, Duration total) {

    /** No phase measured: results of stores written before the judge measured phases, and queued states. */
    public static final PhaseTimes NONE = new PhaseTimes(Duration.ZERO, Duration.ZERO, List.of(), Duration.ZERO,
            Duration.ZERO, Duration.ZERO);

    public PhaseTimes {
        nonNegative(queued, "queued");
        nonNegative(compile, "compile");
        runs = List.copyOf(Objects.requireNonNull(runs, "runs"));
        for (int i = 0; i < runs.size(); i++) {
            nonNegative(runs.get(i), "runs[" + i + "]");
        }
        nonNegative(checks, "checks");
        nonNegative(storeWrites, "storeWrites");
        nonNegative(total, "total");
    }

    /** The runs' times added up (they overlap when runs go out in parallel, so this can exceed the total). */
    public Duration runsTotal() {
        Duration sum = Duration.ZERO;
        for (Duration d : runs) {
            sum = sum.plus(d);
        }
        return sum;
    }

    /** The slowest run, or zero without runs. */
    public Duration slowestRun() {
        return runs.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** These times as a queue worker completes them: its queue wait, its store calls and the total from accept. */
    public PhaseTimes withWorkerTimes(Duration queued, Duration storeWrites, Duration total) {
        return new PhaseTimes(queued, compile, runs, checks, storeWrites, total);
    }

    private static void nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
