package dev.judge.demo.submission;

import dev.judge.core.model.Status;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.TestDocument;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds what a reader may see of a submission: its stored row, or the judge's live state while it runs. */
public final class SubmissionViews {

    private SubmissionViews() {
    }

    /**
     * @param live the judge's current state while the row has no final result yet (may be null)
     * @param full whether hidden tests are shown in full (administrators)
     */
    public static SubmissionView of(SubmissionRow row, ResultDocument live, boolean full) {
        ResultDocument d = row.result() != null ? row.result() : live;
        String status = d == null ? row.status() : later(d.status(), row.status());
        List<TestView> tests = d == null ? List.of() : tests(d, row.hiddenTests(), full);
        return new SubmissionView(row.id(), row.problemId(), row.languageId(), row.username(), status,
                d == null ? null : d.verdict(), d == null ? 0 : d.score(), d == null ? 0 : d.maxScore(),
                d == null ? "" : d.compileOutput(), tests, d == null ? List.of() : d.groups(), row.source(),
                row.sources(), row.createdAt(), row.finishedAt(), d == null ? null : d.phases(), row.traceId());
    }

    /** {@code row} (unfinished when read) with its final result {@code result}, as the recorder stored it. */
    static SubmissionView finished(SubmissionRow row, ResultDocument result, boolean full) {
        SubmissionRow stored = new SubmissionRow(row.id(), row.userId(), row.username(), row.problemId(),
                row.languageId(), row.source(), row.sources(), row.hiddenTests(), row.testCount(), row.callbackUrl(), "FINISHED",
                result, row.createdAt(), result.updatedAt().truncatedTo(ChronoUnit.MICROS), row.traceId());
        return of(stored, null, full);
    }

    // The live state and the row's status only move forward; whichever is further along is the current one.
    private static String later(String a, String b) {
        return Status.valueOf(a).compareTo(Status.valueOf(b)) >= 0 ? a : b;
    }

    static List<TestView> tests(ResultDocument d, List<String> hiddenTests, boolean full) {
        Set<String> hidden = new HashSet<>(hiddenTests);
        List<TestView> tests = new ArrayList<>(d.tests().size());
        for (int i = 0; i < d.tests().size(); i++) {
            TestDocument t = d.tests().get(i);
            tests.add(TestView.of(i, t, hidden.contains(t.testId()), full));
        }
        return tests;
    }

    /** One test as a live event shows it. */
    public static TestView test(int index, TestDocument t, List<String> hiddenTests, boolean full) {
        return TestView.of(index, t, hiddenTests.contains(t.testId()), full);
    }
}
