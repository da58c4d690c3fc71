package dev.judge.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of one test.
 *
 * @param testId         the test's id
 * @param verdict        the test's verdict
 * @param score          points earned, between 0 and the test's weight
 * @param cpuTime        CPU time used
 * @param wallTime       wall time used
 * @param peakMemory     peak memory used
 * @param exitCode       exit code, or -1 when the program did not exit by itself
 * @param signal         terminating signal, or 0
 * @param stdout         the start of what the program printed (capped)
 * @param stderr         the start of what the program printed on stderr (capped)
 * @param checkerMessage what the comparator or checker said, or empty
 */
public record TestResult(
        String testId,
        Verdict verdict,
        double score,
        Duration cpuTime,
        Duration wallTime,
        ByteSize peakMemory,
        int exitCode,
        int signal,
        String stdout,
        String stderr,
        String checkerMessage) {

    public TestResult {
        Objects.requireNonNull(testId, "testId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(cpuTime, "cpuTime");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(peakMemory, "peakMemory");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        checkerMessage = checkerMessage == null ? "" : checkerMessage;
    }

    /** A test that was not run. */
    public static TestResult skipped(String testId) {
        return new TestResult(testId, Verdict.SKIPPED, 0, Duration.ZERO, Duration.ZERO, ByteSize.ZERO, -1, 0, "", "", "");
    }
}
