package dev.judge.demo.results;

import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;

/**
 * One test's result as the server keeps and sends it: times in milliseconds, memory in KiB, the verdict's code;
 * {@code detail} says why for IE (the judge's reason) and which clock for TLE.
 */
public record TestDocument(String testId, String verdict, String detail, double score, long cpuTimeMillis,
        long wallTimeMillis, long memoryKiB, int exitCode, int signal, String stdout, String stderr,
        String checkerMessage) {

    public static TestDocument of(TestResult t) {
        return new TestDocument(t.testId(), t.verdict().code(), detail(t.verdict()), t.score(), t.cpuTime().toMillis(),
                t.wallTime().toMillis(), t.peakMemory().bytes() / 1024, t.exitCode(), t.signal(), t.stdout(),
                t.stderr(), t.checkerMessage());
    }

    static String detail(Verdict v) {
        if (v instanceof Verdict.InternalError ie) {
            return ie.reason();
        }
        if (v instanceof Verdict.TimeLimitExceeded tle) {
            return tle.clock().name();
        }
        return null;
    }
}
