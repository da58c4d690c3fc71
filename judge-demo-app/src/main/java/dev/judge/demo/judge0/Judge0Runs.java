package dev.judge.demo.judge0;

import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.TestDocument;
import java.math.BigDecimal;
import java.util.List;

/**
 * A Judge0 submission's {@code number_of_runs} runs: each is one test of the same input, and judging stops at the
 * first run that is not accepted. Reported as Judge0's {@code IsolateJob} does: the outputs, status, exit code and
 * wall time of the last run, and the mean of the runs' times and memories (Judge0 averages both; memory is an
 * integer column there, so the mean is truncated).
 */
final class Judge0Runs {
    private Judge0Runs() {
    }

    /** The runs that happened (skipped ones did not). */
    static List<TestDocument> runs(ResultDocument d) {
        return d == null ? List.of() : d.tests().stream().filter(t -> !"SK".equals(t.verdict())).toList();
    }

    /** The last run, or {@code null} before the first one finished. */
    static TestDocument last(ResultDocument d) {
        List<TestDocument> runs = runs(d);
        return runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }

    /** The mean CPU time in seconds, or {@code null} without runs. */
    static BigDecimal meanTime(ResultDocument d) {
        List<TestDocument> runs = runs(d);
        if (runs.isEmpty()) {
            return null;
        }
        if (runs.size() == 1) {
            return BigDecimal.valueOf(runs.get(0).cpuTimeMillis()).movePointLeft(3);
        }
        // Judge0 divides floats; the shortest decimal of that double is what Ruby prints
        double seconds = runs.stream().mapToLong(TestDocument::cpuTimeMillis).sum() / 1000.0 / runs.size();
        return BigDecimal.valueOf(seconds);
    }

    /** The mean peak memory in kilobytes, truncated, or {@code null} without runs. */
    static Long meanMemory(ResultDocument d) {
        List<TestDocument> runs = runs(d);
        return runs.isEmpty() ? null : runs.stream().mapToLong(TestDocument::memoryKiB).sum() / runs.size();
    }
}
