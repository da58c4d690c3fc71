package dev.judge.core.pipeline.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import dev.judge.core.model.TestResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.testsupport.CountingSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scoring groups judged on a real sandbox: a C program compiled by the judge answers some inputs right, some
 * wrong and crashes on others, and the groups' scores, dependencies and skipped tests come out as
 * {@link TestGroup} defines them. A sandbox module's test extends this class and supplies its sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ScoringGroupsContract {

    /**
     * Doubles its input; multiples of 7 get a wrong answer (one too many) and negative inputs crash it. A test
     * of input {@code n} expects {@code 2n}.
     */
    private static final String DOUBLER = """
            #include <stdio.h>
            int main(void) {
                long n;
                if (scanf("%ld", &n) != 1) return 2;
                if (n < 0) { volatile int *nowhere = 0; *nowhere = (int) n; }
                printf("%ld\\n", n % 7 == 0 ? 2 * n + 1 : 2 * n);
                return 0;
            }
            """;

    private CountingSandbox sandbox;
    /** One run slot: tests run one at a time in test order, so a skipped test's run would show. */
    private Judge oneAtATime;
    /** Two run slots: the results must be the same as one at a time. */
    private Judge parallel;

    /** The sandbox under test. Called once per test class, which closes it; skip (or fail) here when it cannot run. */
    protected abstract Sandbox sandbox() throws Exception;

    @BeforeAll
    void openJudges() throws Exception {
        sandbox = new CountingSandbox(sandbox());
        Languages c = Languages.of(List.of(Languages.defaults().find("c").orElseThrow()));
        oneAtATime = Judge.builder().sandbox(sandbox).languages(c).runSlots(1).build();
        parallel = Judge.builder().sandbox(sandbox).languages(c).runSlots(2).build();
    }

    @AfterAll
    void closeJudges() {
        for (AutoCloseable c : new AutoCloseable[] {oneAtATime, parallel, sandbox}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static TestCase test(long n, String group) {
        return new TestCase(group + ":" + n, (n + "\n").getBytes(StandardCharsets.UTF_8),
                (2 * n + "\n").getBytes(StandardCharsets.UTF_8), 1, group, false);
    }

    private static Submission doubler(List<TestCase> tests, List<TestGroup> groups) {
        return Submission.of("c", DOUBLER, tests).withGroups(groups)
                // A wall limit far above the CPU limit: on a loaded machine the program still ends by itself.
                .withLimits(Limits.defaults().withCpuTime(Duration.ofSeconds(2)).withWallTime(Duration.ofSeconds(30))
                        .withMemory(ByteSize.ofMiB(128)));
    }

    private static List<String> codes(SubmissionResult r) {
        return r.tests().stream().map(t -> t.verdict().code()).toList();
    }

    private static String groups(SubmissionResult r) {
        return String.join("; ", r.groups().stream()
                .map(g -> g.name() + " " + g.verdict().code() + " " + (long) g.score() + "/" + (long) g.maxScore())
                .toList());
    }

    /** Inputs of the submission's runs since the last reset (compiles and probes have no input). */
    private List<String> runInputs() {
        List<String> out = new ArrayList<>();
        for (SandboxRequest r : sandbox.requests()) {
            if (r.stdin().length > 0) {
                out.add(new String(r.stdin(), StandardCharsets.UTF_8).strip());
            }
        }
        return out;
    }

    @Test
    void minAndSumGroupsScoreBesideUngroupedTests() {
        List<TestCase> tests = List.of(test(1, "small"), test(2, "small"), test(3, "small"),
                test(5, "big"), test(14, "big"), test(8, "big"), test(21, "big"),
                test(4, "negative"), test(-1, "negative"),
                new TestCase("alone:6", "6\n".getBytes(StandardCharsets.UTF_8),
                        "12\n".getBytes(StandardCharsets.UTF_8), 10, null, false));
        List<TestGroup> groups = List.of(TestGroup.of("small", 30),
                TestGroup.of("big", 40).withScoring(TestGroup.Scoring.SUM),
                TestGroup.of("negative", 30).dependingOn("small"));
        SubmissionResult r = parallel.judge(doubler(tests, groups));
        assertThat(codes(r)).as(r.compileOutput() + r.tests())
                .containsExactly("AC", "AC", "AC", "AC", "WA", "AC", "WA", "AC", "RE", "AC");
        assertThat(groups(r)).isEqualTo("small AC 30/30; big WA 20/40; negative RE 0/30");
        assertThat(r.score()).isEqualTo(60);
        assertThat(r.maxScore()).isEqualTo(110);
        assertThat(r.verdict().code()).isEqualTo("WA");
    }

    @Test
    void aFailedGroupStopsAndTheGroupsDependingOnItAreSkippedWithoutRunning() {
        List<TestCase> tests = List.of(test(1, "samples"),
                test(2, "A"), test(-3, "A"), test(3, "A"), test(4, "A"),
                test(5, "B"), test(6, "B"),
                test(7, "C"), test(9, "C"));
        List<TestGroup> groups = List.of(TestGroup.of("samples", 0),
                TestGroup.of("A", 50).dependingOn("samples").stoppingOnFirstFailure(),
                TestGroup.of("B", 30).dependingOn("A"),
                TestGroup.of("C", 20).withScoring(TestGroup.Scoring.SUM).dependingOn("samples"));
        List<String> expected = List.of("AC", "AC", "RE", "SK", "SK", "SK", "SK", "WA", "AC");
        String expectedGroups = "samples AC 0/0; A RE 0/50; B SK 0/30; C WA 10/20";

        sandbox.reset();
        SubmissionResult one = oneAtATime.judge(doubler(tests, groups));
        assertThat(codes(one)).as(one.compileOutput() + one.tests()).containsExactlyElementsOf(expected);
        assertThat(groups(one)).isEqualTo(expectedGroups);
        assertThat(runInputs()).as("skipped tests never ran").containsExactly("1", "2", "-3", "7", "9");
        assertThat(one.tests().get(3)).isEqualTo(TestResult.skipped("A:3"));
        assertThat(one.score()).isEqualTo(10);
        assertThat(one.verdict().code()).isEqualTo("RE");

        SubmissionResult two = parallel.judge(doubler(tests, groups));
        assertThat(codes(two)).as("with two slots").containsExactlyElementsOf(expected);
        assertThat(groups(two)).as("with two slots").isEqualTo(expectedGroups);
    }

    @Test
    void theSubmissionsStopOnFirstFailureSkipsEveryLaterTestAcrossGroups() {
        List<TestCase> tests = List.of(test(1, "A"), test(14, "B"), test(2, "A"), test(3, "B"));
        Submission s = doubler(tests, List.of(TestGroup.of("A", 50), TestGroup.of("B", 50)))
                .withOptions(new JudgeOptions(true));
        sandbox.reset();
        SubmissionResult r = oneAtATime.judge(s);
        assertThat(codes(r)).as(r.compileOutput() + r.tests()).containsExactly("AC", "WA", "SK", "SK");
        assertThat(groups(r)).isEqualTo("A SK 0/50; B WA 0/50");
        assertThat(runInputs()).containsExactly("1", "14");
        assertThat(r.score()).isZero();
        assertThat(r.maxScore()).isEqualTo(100);
    }
}
