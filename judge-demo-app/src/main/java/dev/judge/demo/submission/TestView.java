package dev.judge.demo.submission;

import dev.judge.demo.results.TestDocument;
/**
 * One test's result in the API. For a test that was hidden, accounts other than administrators get only the
 * verdict, time and memory: no name, exit details, checker message or output.
 */
public record TestView(int index, String testId, String verdict, String detail, Double score, long cpuTimeMillis,
        long wallTimeMillis, long memoryKiB, Integer exitCode, Integer signal, String checkerMessage, String stdout,
        String stderr, boolean hidden) {

    static TestView of(int index, TestDocument t, boolean hidden, boolean full) {
        if (hidden && !full) {
            return new TestView(index, null, t.verdict(), null, null, t.cpuTimeMillis(), t.wallTimeMillis(),
                    t.memoryKiB(), null, null, null, null, null, true);
        }
        return new TestView(index, t.testId(), t.verdict(), t.detail(), t.score(), t.cpuTimeMillis(),
                t.wallTimeMillis(), t.memoryKiB(), t.exitCode(), t.signal(), t.checkerMessage(), t.stdout(),
                t.stderr(), hidden);
    }
}
