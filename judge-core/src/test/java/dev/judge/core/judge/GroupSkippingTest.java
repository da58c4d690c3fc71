package dev.judge.core.judge;

import static dev.judge.core.testsupport.FakeSandbox.exited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.judge.core.model.GroupResult;
import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import dev.judge.core.model.TestResult;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.testsupport.CountingSandbox;
import dev.judge.core.testsupport.FakeSandbox;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which tests of a submission with scoring groups are skipped, and that skipped tests are not run: a counting
 * sandbox records every run.
 */
class GroupSkippingTest {

    /** Runs print their stdin; stdin containing "fail" exits 1, stdin containing "sleepN" first sleeps N ms. */
    private static SandboxResult program(SandboxRequest r) {
        String in = new String(r.stdin(), StandardCharsets.UTF_8);
        Matcher sleep = Pattern.compile("sleep(\\d+)").matcher(in);
        if (sleep.find()) {
            try {
                Thread.sleep(Long.parseLong(sleep.group(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return in.contains("fail") ? exited(1, "") : exited(0, in);
    }

    /** A test whose id is its input, in {@code group}, expecting its input back. */
    private static TestCase test(String input, String group) {
        return TestCase.of(input, input, input).inGroup(group);
    }

    /** The inputs of the runs the sandbox saw (compiles have none). */
    private static List<String> runs(CountingSandbox sandbox) {
        List<String> out = new ArrayList<>();
        for (SandboxRequest r : sandbox.requests()) {
            if (r.stdin().length > 0) {
                out.add(new String(r.stdin(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<String> codes(SubmissionResult r) {
        return r.tests().stream().map(t -> t.verdict().code()).toList();
    }

    private static String groups(SubmissionResult r) {
        return String.join("; ", r.groups().stream()
                .map(g -> g.name() + " " + g.verdict().code() + " " + (long) g.score() + "/" + (long) g.maxScore())
                .toList());
    }

    private static SubmissionResult judge(CountingSandbox sandbox, int slots, Submission s, List<JudgeEvent> events) {
        try (Judge judge = Judge.builder().sandbox(sandbox).runSlots(slots).build()) {
            return judge.judge(s, events::add);
        }
    }

    private static final Submission STOPPING = Submission.of("c", "x", List.of(
                    test("a1", "A"), test("a2 fail", "A"), test("a3", "A"), test("a4", "A"),
                    test("b1", "B"), test("b2 fail", "B"), test("b3", "B"), TestCase.of("free", "free", "free")))
            .withGroups(List.of(TestGroup.of("A", 40).stoppingOnFirstFailure(),
                    TestGroup.of("B", 60).withScoring(TestGroup.Scoring.SUM)));

    @Test
    void aGroupThatStopsOnItsFirstFailureRunsNoneOfItsLaterTests() {
        CountingSandbox sandbox = new CountingSandbox(FakeSandbox.programs(GroupSkippingTest::program));
        List<JudgeEvent> events = new CopyOnWriteArrayList<>();
        SubmissionResult r = judge(sandbox, 1, STOPPING, events);
        assertThat(codes(r)).containsExactly("AC", "RE", "SK", "SK", "AC", "RE", "AC", "AC");
        assertThat(runs(sandbox)).as("a3 and a4 never ran; B does not stop")
                .containsExactly("a1", "a2 fail", "b1", "b2 fail", "b3", "free");
        assertThat(groups(r)).isEqualTo("A RE 0/40; B RE 40/60");
        assertThat(r.score()).isEqualTo(41);
        assertThat(r.maxScore()).isEqualTo(101);
        assertThat(r.verdict().code()).isEqualTo("RE");
        assertThat(events).filteredOn(e -> e instanceof JudgeEvent.TestFinished)
                .extracting(e -> ((JudgeEvent.TestFinished) e).result().verdict().code())
                .containsExactly("AC", "RE", "SK", "SK", "AC", "RE", "AC", "AC");
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfSlots() {
        for (int slots : new int[] {2, 3, 5}) {
            CountingSandbox sandbox = new CountingSandbox(FakeSandbox.programs(GroupSkippingTest::program));
            SubmissionResult r = judge(sandbox, slots, STOPPING, new ArrayList<>());
            assertThat(codes(r)).as("slots " + slots).containsExactly("AC", "RE", "SK", "SK", "AC", "RE", "AC", "AC");
            assertThat(groups(r)).as("slots " + slots).isEqualTo("A RE 0/40; B RE 40/60");
            assertThat(runs(sandbox)).as("slots " + slots).contains("a1", "a2 fail", "b1", "b2 fail", "b3", "free");
        }
    }

    @Test
    void aTestThatRanBeforeTheFailureThatSkipsItWasKnownIsReportedSkipped() {
        // Two slots: a1 and a2 start together; a1 fails while a2 still runs (a wide gap, so a loaded machine
        // cannot turn the order of their ends round), so a3 comes up after the failure; which of a1 and a2 the
        // sandbox sees first is up to the two slots.
        Submission s = Submission.of("c", "x", List.of(test("a1 sleep100 fail", "A"), test("a2 sleep3000", "A"),
                        test("a3", "A")))
                .withGroups(List.of(TestGroup.of("A", 10).stoppingOnFirstFailure()));
        CountingSandbox sandbox = new CountingSandbox(FakeSandbox.programs(GroupSkippingTest::program));
        SubmissionResult r = judge(sandbox, 2, s, new ArrayList<>());
        assertThat(codes(r)).containsExactly("RE", "SK", "SK");
        assertThat(runs(sandbox)).as("a2 ran beside a1; a3 did not run")
                .containsExactlyInAnyOrder("a1 sleep100 fail", "a2 sleep3000");
        assertThat(r.tests().get(1)).isEqualTo(TestResult.skipped("a2 sleep3000"));
    }

    @Test
    void testsOfAGroupWhoseDependencyFailedAreSkippedTransitively() {
        Submission s = Submission.of("c", "x", List.of(
                        test("s1", "samples"), test("a1 fail", "A"), test("b1", "B"), test("b2", "B"),
                        test("c1", "C"), test("d1", "D")))
                .withGroups(List.of(TestGroup.of("samples", 0), TestGroup.of("A", 20).dependingOn("samples"),
                        TestGroup.of("B", 30).dependingOn("A"), TestGroup.of("C", 25).dependingOn("B"),
                        TestGroup.of("D", 25).dependingOn("samples")));
        CountingSandbox sandbox = new CountingSandbox(FakeSandbox.programs(GroupSkippingTest::program));
        SubmissionResult r = judge(sandbox, 1, s, new ArrayList<>());
        assertThat(codes(r)).containsExactly("AC", "RE", "SK", "SK", "SK", "AC");
        assertThat(runs(sandbox)).containsExactly("s1", "a1 fail", "d1");
        assertThat(groups(r)).isEqualTo("samples AC 0/0; A RE 0/20; B SK 0/30; C SK 0/25; D AC 25/25");
        assertThat(r.score()).isEqualTo(25);
        assertThat(r.maxScore()).isEqualTo(100);
    }

    @Test
    void aDependencyJudgedAfterItsDependentsSkipsNothingButStillGatesTheirPoints() {
        Submission s = Submission.of("c", "x", List.of(test("b1", "B"), test("b2", "B"), test("a1 fail", "A")))
                .withGroups(List.of(TestGroup.of("A", 50), TestGroup.of("B", 50).dependingOn("A")));
        CountingSandbox sandbox = new CountingSandbox(FakeSandbox.programs(GroupSkippingTest::program));
        SubmissionResult r = judge(sandbox, 1, s, new ArrayList<>());
        assertThat(codes(r)).containsExactly("AC", "AC", "RE");
        assertThat(runs(sandbox)).hasSize(3);
        assertThat(groups(r)).isEqualTo("A RE 0/50; B AC 0/50");
        assertThat(r.score()).isZero();
    }

    @Test
    void theSubmissionsStopOnFirstFailureStillSkipsEverythingAfterIt() {
        Submission s = Submission.of("c", "x", List.of(test("a1", "A"), test("b1 fail", "B"), test("a2", "A"),
                        TestCase.of("free", "free", "free")))
                .withGroups(List.of(TestGroup.of("A", 10), TestGroup.of("B", 10)))
                .withOptions(new JudgeOptions(true));
        for (int slots : new int[] {1, 3}) {
            CountingSandbox sandbox = new CountingSandbox(FakeSandbox.programs(GroupSkippingTest::program));
            SubmissionResult r = judge(sandbox, slots, s, new ArrayList<>());
            assertThat(codes(r)).as("slots " + slots).containsExactly("AC", "RE", "SK", "SK");
            assertThat(groups(r)).as("slots " + slots).isEqualTo("A SK 0/10; B RE 0/10");
            if (slots == 1) {
                assertThat(runs(sandbox)).containsExactly("a1", "b1 fail");
            }
        }
    }

    @Test
    void aCompileErrorShowsEveryGroupWithNothingEarned() {
        FakeSandbox failing = FakeSandbox.programs(GroupSkippingTest::program);
        CountingSandbox sandbox = new CountingSandbox(new FakeSandbox(req -> !req.collect().isEmpty()
                ? exited(1, "error: expected ';'") : failing.run(req)));
        SubmissionResult r = judge(sandbox, 1, STOPPING, new ArrayList<>());
        assertThat(r.verdict().code()).isEqualTo("CE");
        assertThat(r.groups()).extracting(GroupResult::name, g -> g.verdict().code(), GroupResult::score)
                .containsExactly(tuple("A", "CE", 0.0),
                        tuple("B", "CE", 0.0));
        assertThat(r.maxScore()).isEqualTo(101);
        assertThat(runs(sandbox)).isEmpty();
    }
}
