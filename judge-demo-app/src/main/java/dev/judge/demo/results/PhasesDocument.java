package dev.judge.demo.results;

import dev.judge.core.model.PhaseTimes;
import java.time.Duration;
import java.util.List;

/**
 * Where a finished submission's time went ({@link PhaseTimes}), as the server keeps and sends it: milliseconds
 * with microsecond precision. Absent (null) on results stored before the judge measured phases and on
 * unfinished states.
 */
public record PhasesDocument(double queuedMillis, double compileMillis, List<Double> runMillis, double checksMillis,
        double storeWritesMillis, double totalMillis) {

    public PhasesDocument {
        runMillis = runMillis == null ? List.of() : List.copyOf(runMillis);
    }

    /** The document of {@code p}, or null when nothing was measured. */
    public static PhasesDocument of(PhaseTimes p) {
        if (p.equals(PhaseTimes.NONE)) {
            return null;
        }
        return new PhasesDocument(millis(p.queued()), millis(p.compile()),
                p.runs().stream().map(PhasesDocument::millis).toList(), millis(p.checks()), millis(p.storeWrites()),
                millis(p.total()));
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1000 / 1000.0;
    }
}
