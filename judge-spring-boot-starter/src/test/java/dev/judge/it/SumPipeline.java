package dev.judge.it;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.Status;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.pipeline.JudgingPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A slow but honest pipeline for the queue tests: the "program" adds up the numbers of each test's input, and
 * the output is compared with the expected one, so a job's verdict follows from its data. The source says how
 * long judging takes: {@code sum <millis>}. The compile output names the process that judged it.
 */
public final class SumPipeline implements JudgingPipeline {

    /** A job whose tests pass when {@code correct}, taking {@code millis} to judge. */
    public static Submission submission(int seed, boolean correct, long millis) {
        List<TestCase> tests = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            long a = seed * 7L + t;
            long b = seed * 13L - t;
            long sum = a + b + (correct || t < 2 ? 0 : 1);
            tests.add(TestCase.of(String.valueOf(t + 1), a + " " + b + "\n", sum + "\n"));
        }
        return Submission.of("sum", "sum " + millis, tests);
    }

    public static String judgedBy() {
        return "judged by pid " + ProcessHandle.current().pid();
    }

    @Override
    public SubmissionResult judge(String submissionId, Submission submission, Consumer<JudgeEvent> events) {
        String[] source = submission.sources().get(0).content().split(" ");
        long millis = Long.parseLong(source[1]);
        events.accept(new JudgeEvent.StatusChanged(submissionId, Status.RUNNING));
        List<TestResult> results = new ArrayList<>();
        Verdict verdict = Verdict.ACCEPTED;
        double score = 0;
        double max = 0;
        int n = submission.tests().size();
        for (int i = 0; i < n; i++) {
            TestCase t = submission.tests().get(i);
            sleep(millis / n);
            long sum = 0;
            for (String part : new String(t.input(), StandardCharsets.UTF_8).trim().split("\\s+")) {
                sum += Long.parseLong(part);
            }
            String out = sum + "\n";
            boolean ok = t.expectedOutput() != null && out.equals(new String(t.expectedOutput(), StandardCharsets.UTF_8));
            Verdict v = ok ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER;
            if (!ok && verdict.isAccepted()) {
                verdict = v;
            }
            score += ok ? t.weight() : 0;
            max += t.weight();
            TestResult r = new TestResult(t.id(), v, ok ? t.weight() : 0, Duration.ofMillis(millis / n),
                    Duration.ofMillis(millis / n), ByteSize.ofKiB(512), 0, 0, out, "", "");
            results.add(r);
            events.accept(new JudgeEvent.TestFinished(submissionId, r, i, n));
        }
        return new SubmissionResult(submissionId, Status.FINISHED, judgedBy(), results, verdict, score, max,
                Instant.now());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging", e);
        }
    }
}
