package dev.judge.core.judge;

import static dev.judge.core.testsupport.FakeSandbox.exited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.JudgeBusyException;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.RunResult;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Status;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import dev.judge.core.testsupport.FakeSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pipeline's decisions, with a sandbox that answers from a script. */
class PipelineTest {

    private static Judge judge(FakeSandbox sandbox, int slots) {
        return Judge.builder().sandbox(sandbox).runSlots(slots).build();
    }

    /** Runs print their stdin, except stdin "fail" exits 1. */
    private static SandboxResult echo(SandboxRequest r) {
        String in = new String(r.stdin(), StandardCharsets.UTF_8);
        return in.equals("fail") ? exited(1, "") : exited(0, in);
    }

    private static List<TestCase> tests(String... inputs) {
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            out.add(TestCase.of("t" + (i + 1), inputs[i], inputs[i].equals("wrong") ? "right" : inputs[i]));
        }
        return out;
    }

    @Test
    void reportsProgressEventsInOrder() {
        try (Judge judge = judge(FakeSandbox.programs(PipelineTest::echo), 2)) {
            List<JudgeEvent> events = new CopyOnWriteArrayList<>();
            SubmissionResult r = judge.judge(Submission.of("c", "int main(){}", tests("a", "b", "c")), events::add);
            assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(r.score()).isEqualTo(3);
            assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("StatusChanged",
                    "Compiled", "StatusChanged", "TestFinished", "TestFinished", "TestFinished", "StatusChanged",
                    "Finished");
            assertThat(events.get(0)).isEqualTo(new JudgeEvent.StatusChanged(r.submissionId(), Status.COMPILING));
            assertThat(events.get(2)).isEqualTo(new JudgeEvent.StatusChanged(r.submissionId(), Status.RUNNING));
            assertThat(events.subList(3, 6)).extracting(e -> ((JudgeEvent.TestFinished) e).index())
                    .containsExactly(0, 1, 2);
            assertThat(events.get(7)).isEqualTo(new JudgeEvent.Finished(r.submissionId(), r));
            assertThat(r.tests()).extracting(TestResult::testId).containsExactly("t1", "t2", "t3");
            assertThat(r.tests().get(1).stdout()).isEqualTo("b");
        }
    }

    @Test
    void aLanguageWithoutCompileStepGoesStraightToRunning() {
        // every default language compiles or checks its sources: configure one that runs them directly
        Languages noCheck = Languages.defaults().withProperties(Map.of("python3.compile", ""));
        try (Judge judge = Judge.builder().sandbox(FakeSandbox.programs(PipelineTest::echo)).runSlots(1)
                .languages(noCheck).build()) {
            List<JudgeEvent> events = new CopyOnWriteArrayList<>();
            judge.judge(Submission.of("python3", "print(1)", tests("a")), events::add);
            assertThat(events.get(0)).isInstanceOfSatisfying(JudgeEvent.StatusChanged.class,
                    e -> assertThat(e.status()).isEqualTo(Status.RUNNING));
            assertThat(events).noneMatch(e -> e instanceof JudgeEvent.Compiled);
        }
    }

    @Test
    void stopsOnTheFirstFailureAndSkipsTheRest() {
        for (int slots : new int[] {1, 3}) {
            try (Judge judge = judge(FakeSandbox.programs(PipelineTest::echo), slots)) {
                Submission s = Submission.of("c", "x", tests("a", "fail", "b", "wrong", "c"))
                        .withOptions(new JudgeOptions(true));
                List<JudgeEvent> events = new CopyOnWriteArrayList<>();
                SubmissionResult r = judge.judge(s, events::add);
                assertThat(r.tests()).extracting(t -> t.verdict().code()).as("slots " + slots)
                        .containsExactly("AC", "RE", "SK", "SK", "SK");
                assertThat(r.verdict()).isEqualTo(Verdict.RuntimeError.exit(1));
                assertThat(r.score()).isEqualTo(1);
                assertThat(events).filteredOn(e -> e instanceof JudgeEvent.TestFinished)
                        .extracting(e -> ((JudgeEvent.TestFinished) e).result().verdict().code())
                        .containsExactly("AC", "RE", "SK", "SK", "SK");
            }
        }
    }

    @Test
    void withoutStopOnFailureEveryTestRuns() {
        try (Judge judge = judge(FakeSandbox.programs(PipelineTest::echo), 2)) {
            SubmissionResult r = judge.judge(Submission.of("c", "x", tests("a", "fail", "b", "wrong", "c")));
            assertThat(r.tests()).extracting(t -> t.verdict().code()).containsExactly("AC", "RE", "AC", "WA", "AC");
            assertThat(r.verdict().code()).isEqualTo("RE");
            assertThat(r.score()).isEqualTo(3);
            assertThat(r.maxScore()).isEqualTo(5);
        }
    }

    @Test
    void aCompileErrorIsCeWithTheCompilersOutput() {
        FakeSandbox sandbox = new FakeSandbox(r -> {
            if (r.command().contains("-dumpfullversion")) {
                return exited(0, "12.2.0\n");
            }
            return FakeSandbox.result(Termination.EXITED, 1, 0, "", "main.c:1: error: expected ';'\n",
                    Duration.ofMillis(5));
        });
        try (Judge judge = judge(sandbox, 1)) {
            List<JudgeEvent> events = new CopyOnWriteArrayList<>();
            SubmissionResult r = judge.judge(Submission.of("c", "int main(){", tests("a")), events::add);
            assertThat(r.verdict()).isEqualTo(Verdict.COMPILATION_ERROR);
            assertThat(r.compileOutput()).contains("expected ';'");
            assertThat(r.tests()).isEmpty();
            assertThat(r.maxScore()).isEqualTo(1);
            assertThat(events).contains(new JudgeEvent.Compiled(r.submissionId(), false, r.compileOutput()));
        }
    }

    @Test
    void compilerOutputIsCapped() {
        String noise = "w".repeat(100_000);
        FakeSandbox sandbox = new FakeSandbox(r -> r.command().contains("-dumpfullversion") ? exited(0, "12\n")
                : FakeSandbox.result(Termination.EXITED, 1, 0, "", noise, Duration.ZERO));
        try (Judge judge = Judge.builder().sandbox(sandbox)
                .maxCompileOutput(dev.judge.core.model.ByteSize.ofKiB(64)).build()) {
            SubmissionResult r = judge.judge(Submission.of("c", "x", tests("a")));
            assertThat(r.compileOutput()).hasSize(64 * 1024);
        }
    }

    @Test
    void sandboxFailuresAreInternalErrors() {
        FakeSandbox sandbox = FakeSandbox.programs(r -> new String(r.stdin(), StandardCharsets.UTF_8).equals("b")
                ? SandboxResult.failure("helper died") : echo(r));
        try (Judge judge = judge(sandbox, 1)) {
            SubmissionResult r = judge.judge(Submission.of("c", "x", tests("a", "b")));
            assertThat(r.tests().get(1).verdict()).isEqualTo(new Verdict.InternalError("sandbox failure: helper died"));
            assertThat(r.verdict().code()).isEqualTo("IE");
        }
        FakeSandbox brokenCompile = FakeSandbox.programs(PipelineTest::echo);
        FakeSandbox failing = new FakeSandbox(r -> r.collect().isEmpty() ? brokenCompile.run(r)
                : SandboxResult.failure("no cgroup"));
        try (Judge judge = judge(failing, 1)) {
            SubmissionResult r = judge.judge(Submission.of("c", "x", tests("a")));
            assertThat(r.verdict()).isInstanceOfSatisfying(Verdict.InternalError.class,
                    ie -> assertThat(ie.reason()).contains("no cgroup"));
        }
    }

    @Test
    void theCheckerSpeaksTheTestlibProtocol() {
        List<SandboxRequest> checkerRuns = new CopyOnWriteArrayList<>();
        FakeSandbox sandbox = FakeSandbox.programs(r -> {
            if (!r.command().contains("input.txt")) {
                return echo(r);
            }
            checkerRuns.add(r);
            String output = r.files().stream().filter(f -> f.path().equals("output.txt")).findFirst()
                    .map(f -> new String(f.content(), StandardCharsets.UTF_8)).orElseThrow();
            return switch (output) {
                case "ok" -> exited(0, "");
                case "wa" -> FakeSandbox.result(Termination.EXITED, 1, 0, "", "expected 3, found 4", Duration.ZERO);
                case "pe" -> FakeSandbox.result(Termination.EXITED, 2, 0, "", "extra spaces", Duration.ZERO);
                case "broken" -> FakeSandbox.result(Termination.EXITED, 3, 0, "", "answer file broken", Duration.ZERO);
                case "part" -> FakeSandbox.result(Termination.EXITED, 7, 0, "", "points 0.25 a quarter\n",
                        Duration.ZERO);
                case "badpart" -> FakeSandbox.result(Termination.EXITED, 7, 0, "", "points lots\n", Duration.ZERO);
                default -> FakeSandbox.result(Termination.SIGNALED, -1, 11, "", "", Duration.ZERO);
            };
        });
        ComparatorSpec checker = new ComparatorSpec.Checker("cpp", List.of(SourceFile.main("checker source")));
        List<TestCase> tests = List.of("ok", "wa", "pe", "broken", "part", "badpart", "crash").stream()
                .map(s -> TestCase.of(s, s, "answer of " + s)).toList();
        try (Judge judge = judge(sandbox, 2)) {
            SubmissionResult r = judge.judge(Submission.of("c", "x", tests).withComparator(checker));
            assertThat(r.tests()).extracting(t -> t.verdict().code())
                    .containsExactly("AC", "WA", "PE", "IE", "WA", "IE", "IE");
            assertThat(r.tests()).extracting(TestResult::checkerMessage).startsWith(
                    "", "expected 3, found 4", "extra spaces");
            assertThat(r.tests().get(3).verdict()).isEqualTo(new Verdict.InternalError("checker failed: answer file broken"));
            assertThat(r.tests().get(4).score()).isEqualTo(0.25);
            assertThat(r.tests().get(4).checkerMessage()).isEqualTo("a quarter");
            assertThat(r.score()).isEqualTo(1.25);
        }
        assertThat(checkerRuns).hasSize(7).allSatisfy(req -> {
            assertThat(req.command()).endsWith("input.txt", "output.txt", "answer.txt", "result.xml", "-appes")
                    .startsWith("./main");
            assertThat(req.collect()).containsExactly("result.xml");
            assertThat(req.files()).extracting(SandboxFile::path).contains("main", "input.txt", "answer.txt");
        });
        SandboxRequest wa = checkerRuns.stream().filter(q -> q.files().stream().anyMatch(f ->
                f.path().equals("input.txt") && new String(f.content(), StandardCharsets.UTF_8).equals("wa")))
                .findFirst().orElseThrow();
        assertThat(wa.files()).filteredOn(f -> f.path().equals("answer.txt")).singleElement()
                .satisfies(f -> assertThat(new String(f.content(), StandardCharsets.UTF_8)).isEqualTo("answer of wa"));
    }

    @Test
    void aCheckerThatDoesNotCompileIsAnInternalError() {
        FakeSandbox sandbox = new FakeSandbox(r -> {
            if (r.command().contains("-dumpfullversion")) {
                return exited(0, "12\n");
            }
            if (r.command().contains("checker.cpp") || r.files().stream().anyMatch(f -> f.path().equals("checker.cpp"))) {
                return FakeSandbox.result(Termination.EXITED, 1, 0, "", "checker.cpp: error", Duration.ZERO);
            }
            return r.collect().isEmpty() ? echo(r) : FakeSandbox.compiled(r);
        });
        ComparatorSpec checker = new ComparatorSpec.Checker("cpp", List.of(new SourceFile("checker.cpp", "x")));
        try (Judge judge = judge(sandbox, 1)) {
            SubmissionResult r = judge.judge(Submission.of("c", "x", tests("a")).withComparator(checker));
            assertThat(r.verdict()).isInstanceOfSatisfying(Verdict.InternalError.class,
                    ie -> assertThat(ie.reason()).contains("checker did not compile", "checker.cpp: error"));
        }
    }

    @Test
    void aFullJudgeRefusesNewWorkWithATypedException() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeSandbox sandbox = FakeSandbox.programs(r -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return echo(r);
        });
        try (Judge judge = Judge.builder().sandbox(sandbox).runSlots(1).queueCapacity(1)
                .build()) {
            CompletableFuture<SubmissionResult> a = judge.judgeAsync(Submission.of("c", "a", tests("a")));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<SubmissionResult> b = judge.judgeAsync(Submission.of("c", "b", tests("b")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (((DefaultJudge) judge).waitingTasks() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(((DefaultJudge) judge).waitingTasks()).isEqualTo(1);
            assertThatThrownBy(() -> judge.judge(Submission.of("c", "c", tests("c"))))
                    .isInstanceOf(JudgeBusyException.class).hasMessageContaining("busy");
            assertThatThrownBy(() -> judge.run("c", "x", "", Limits.defaults()))
                    .isInstanceOf(JudgeBusyException.class);
            release.countDown();
            assertThat(a.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(b.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(judge.judge(Submission.of("c", "c", tests("c"))).verdict()).isEqualTo(Verdict.ACCEPTED);
        }
    }

    @Test
    void aSubmissionWhoseCompileIsCachedIsPreparedWhileTheSlotsAreBusy() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeSandbox sandbox = FakeSandbox.programs(r -> {
            if (new String(r.stdin(), StandardCharsets.UTF_8).equals("hold")) {
                running.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS); // longer than the wait for the event below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return echo(r);
        });
        try (Judge judge = judge(sandbox, 1)) {
            assertThat(judge.judge(Submission.of("c", "same", tests("a"))).verdict()).isEqualTo(Verdict.ACCEPTED);
            CompletableFuture<SubmissionResult> holding = judge.judgeAsync(Submission.of("c", "other", tests("hold")));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            // The only slot runs the other submission: a cached compile does not wait for it, only the run does.
            CountDownLatch compiled = new CountDownLatch(1);
            CompletableFuture<SubmissionResult> cached = judge.judgeAsync(Submission.of("c", "same", tests("b")),
                    e -> {
                        if (e instanceof JudgeEvent.Compiled) {
                            compiled.countDown();
                        }
                    });
            boolean preparedMeanwhile = compiled.await(5, TimeUnit.SECONDS);
            boolean stillWaiting = !cached.isDone();
            release.countDown();
            assertThat(preparedMeanwhile).as("prepared while the slot was busy").isTrue();
            assertThat(stillWaiting).as("its run waits for the slot").isTrue();
            assertThat(cached.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(holding.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.ACCEPTED);
        }
    }

    @Test
    void closeLetsJudgingUnderWayFinish() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeSandbox sandbox = FakeSandbox.programs(r -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return echo(r);
        });
        Judge judge = Judge.builder().sandbox(sandbox).runSlots(1).build();
        CompletableFuture<SubmissionResult> underWay = judge.judgeAsync(Submission.of("c", "a", tests("a", "b", "c")));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(judge::close);
        Thread.sleep(100);
        assertThat(closing).as("close waits for the submission").isNotDone();
        assertThatThrownBy(() -> judge.judge(Submission.of("c", "b", tests("b"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        assertThat(underWay.get(1, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(underWay.get().tests()).hasSize(3);
    }

    @Test
    void aBigSubmissionDoesNotOverflowTheLineItIsAdmittedThrough() {
        try (Judge judge = Judge.builder().sandbox(FakeSandbox.programs(PipelineTest::echo)).runSlots(2).queueCapacity(2).build()) {
            String[] inputs = IntStream.range(0, 50).mapToObj(i -> "in" + i).toArray(String[]::new);
            SubmissionResult r = judge.judge(Submission.of("c", "x", tests(inputs)));
            assertThat(r.tests()).hasSize(50).allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.ACCEPTED));
        }
    }

    @Test
    void runReturnsTheWholeOutputOfOneProgram() {
        Function<SandboxRequest, SandboxResult> run = r -> FakeSandbox.result(Termination.EXITED, 0, 0,
                "got " + new String(r.stdin(), StandardCharsets.UTF_8), "note", Duration.ofMillis(30));
        try (Judge judge = judge(FakeSandbox.programs(run), 1)) {
            RunResult r = judge.run("c", "int main(){}", "42", Limits.defaults());
            assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(r.stdout()).isEqualTo("got 42");
            assertThat(r.stderr()).isEqualTo("note");
            assertThat(r.exitCode()).isZero();
            assertThat(r.cpuTime()).isEqualTo(Duration.ofMillis(30));
        }
        try (Judge judge = judge(FakeSandbox.programs(r -> FakeSandbox.result(Termination.SIGNALED, -1, 6, "", "",
                Duration.ZERO)), 1)) {
            assertThat(judge.run("c", "x", "", Limits.defaults()).verdict()).isEqualTo(Verdict.RuntimeError.signal(6));
        }
    }

    @Test
    void aBrokenListenerDoesNotBreakJudging() {
        try (Judge judge = judge(FakeSandbox.programs(PipelineTest::echo), 1)) {
            SubmissionResult r = judge.judge(Submission.of("c", "x", tests("a")), e -> {
                throw new IllegalStateException("listener bug");
            });
            assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        }
    }

    @Test
    void eachTestRunsWithTheLanguagesAllowances() {
        List<SandboxRequest> runs = new CopyOnWriteArrayList<>();
        String source = "class Main { public static void main(String[] a) { } }";
        byte[] mainClass = dev.judge.core.testsupport.JavaClasses.compile(java.util.Map.of("Main.java", source))
                .get("Main.class");
        FakeSandbox sandbox = FakeSandbox.programs(r -> {
            runs.add(r);
            return echo(r);
        });
        FakeSandbox java = new FakeSandbox(r -> r.command().get(0).equals("javac")
                ? new SandboxResult(Termination.EXITED, 0, 0, new byte[0], new byte[0], false, Duration.ZERO,
                        Duration.ZERO, dev.judge.core.model.ByteSize.ofMiB(1),
                        List.of(SandboxFile.of("Main.class", mainClass)), "")
                : sandbox.run(r));
        try (Judge judge = judge(java, 1)) {
            Limits limits = Limits.defaults().withCpuTime(Duration.ofSeconds(2))
                    .withMemory(dev.judge.core.model.ByteSize.ofMiB(256));
            judge.judge(Submission.of("java", source, tests("a")).withLimits(limits));
        }
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.command()).contains("-Xmx256m", "Main");
            assertThat(r.limits().cpuTime()).isEqualTo(Duration.ofSeconds(3));
            assertThat(r.limits().memory()).isEqualTo(dev.judge.core.model.ByteSize.ofMiB(512));
            assertThat(r.profile()).isEqualTo("jvm");
        });
    }
}
