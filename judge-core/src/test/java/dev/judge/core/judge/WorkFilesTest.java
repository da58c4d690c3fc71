package dev.judge.core.judge;

import static dev.judge.core.testsupport.FakeSandbox.exited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.model.WorkFile;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import dev.judge.core.testsupport.FakeSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the pipeline asks of the sandbox for a submission's work files and for stderr joined to stdout. */
class WorkFilesTest {
    private static final List<TestCase> TESTS = List.of(TestCase.of("t1", "1 2\n", "3\n"));

    private final List<SandboxRequest> compiles = new CopyOnWriteArrayList<>();
    private final List<SandboxRequest> runs = new CopyOnWriteArrayList<>();

    /** gcc leaves {@code main} and rewrites {@code data/table.txt}; python's check step leaves what it was given. */
    private FakeSandbox sandbox() {
        return new FakeSandbox(r -> {
            if (r.command().contains("-dumpfullversion") || r.command().contains("--version")) {
                return exited(0, "1.0\n");
            }
            if (r.command().get(0).equals("gcc") || r.command().contains("py_compile")) {
                compiles.add(r);
                List<SandboxFile> left = r.command().get(0).equals("gcc")
                        ? List.of(SandboxFile.executable("main", bytes("ELF")),
                                SandboxFile.of("data/table.txt", bytes("rewritten")))
                        : r.files().stream().filter(f -> !f.path().contains("/")).toList();
                return new SandboxResult(Termination.EXITED, 0, 0, new byte[0], new byte[0], false, Duration.ZERO,
                        Duration.ZERO, ByteSize.ofMiB(1), left, "");
            }
            runs.add(r);
            return exited(0, "3\n");
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SubmissionResult judge(FakeSandbox sandbox, Submission s) {
        try (Judge judge = Judge.builder().sandbox(sandbox).runSlots(1).build()) {
            return judge.judge(s);
        }
    }

    private static List<WorkFile> files() {
        return List.of(new WorkFile("data/table.txt", bytes("original"), false),
                new WorkFile("bin/tool", new byte[] {0, (byte) 0xff, 7}, true));
    }

    @Test
    void aCompiledLanguageCompilesWithTheWorkFilesAndEveryRunGetsThemUnlessAnArtifactReplacesOne() {
        SubmissionResult r = judge(sandbox(), Submission.of("c", "int main(){}", TESTS).withWorkFiles(files()));
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(compiles).singleElement().satisfies(c -> assertThat(c.files()).contains(
                new SandboxFile("data/table.txt", bytes("original"), false),
                new SandboxFile("bin/tool", new byte[] {0, (byte) 0xff, 7}, true)));
        assertThat(runs).singleElement().satisfies(run -> assertThat(run.files()).containsExactlyInAnyOrder(
                SandboxFile.executable("main", bytes("ELF")), SandboxFile.of("data/table.txt", bytes("rewritten")),
                new SandboxFile("bin/tool", new byte[] {0, (byte) 0xff, 7}, true)));
    }

    @Test
    void aCheckedLanguageRunsWithItsSourcesAndEachWorkFileOnce() {
        judge(sandbox(), Submission.of("python3", "print(3)", TESTS)
                .withWorkFiles(List.of(new WorkFile("helper.txt", bytes("x"), false), files().get(1))));
        assertThat(runs).singleElement().satisfies(run -> assertThat(run.files()).extracting(SandboxFile::path)
                .containsExactlyInAnyOrder("main.py", "helper.txt", "bin/tool"));
    }

    @Test
    void workFilesArePartOfTheArtifactCacheKey() {
        FakeSandbox sandbox = sandbox();
        try (Judge judge = Judge.builder().sandbox(sandbox).runSlots(1).build()) {
            Submission s = Submission.of("c", "int main(){}", TESTS);
            judge.judge(s.withWorkFiles(files()));
            judge.judge(s.withWorkFiles(files()));
            assertThat(compiles).hasSize(1);
            judge.judge(s.withWorkFiles(List.of(new WorkFile("data/table.txt", bytes("other"), false))));
            judge.judge(s.withWorkFiles(List.of(new WorkFile("data/table.txt", bytes("other"), true))));
            assertThat(compiles).hasSize(3);
        }
    }

    @Test
    void joiningStderrToStdoutReachesEveryRunButNotTheCompileStep() {
        judge(sandbox(), Submission.of("c", "int main(){}", List.of(TestCase.of("a", "", "3\n"),
                TestCase.of("b", "", "3\n"))).withOptions(new dev.judge.core.model.JudgeOptions(false, List.of(),
                        List.of(), true)));
        assertThat(compiles).singleElement().satisfies(c -> assertThat(c.stderrToStdout()).isFalse());
        assertThat(runs).hasSize(2).allSatisfy(run -> assertThat(run.stderrToStdout()).isTrue());
    }

    @Test
    void refusesWorkFilesWhereTheSourcesAreOrPastTheTestDataCap() {
        try (Judge judge = Judge.builder().sandbox(sandbox()).maxTestData(ByteSize.ofKiB(1)).build()) {
            Submission s = Submission.of("c", "int main(){}", TESTS);
            assertField(() -> judge.judge(s.withWorkFiles(List.of(new WorkFile("main.c", bytes("x"), false)))),
                    "workFiles[0].path");
            assertField(() -> judge.judge(new Submission("c", List.of(SourceFile.main("int main(){}"),
                    new SourceFile("util.h", "int x;")), TESTS, s.limits(), s.comparator(), s.options())
                    .withWorkFiles(List.of(new WorkFile("util.h/x", bytes("x"), false)))), "workFiles[0].path");
            assertField(() -> judge.judge(s.withWorkFiles(List.of(new WorkFile("big", new byte[2048], false)))),
                    "workFiles");
        }
        assertThatThrownBy(() -> new WorkFile("../escape", new byte[0], false))
                .isInstanceOf(InvalidSubmissionException.class);
        assertThatThrownBy(() -> Submission.of("c", "x", TESTS).withWorkFiles(List.of(
                new WorkFile("a", new byte[0], false), new WorkFile("a", new byte[1], false))))
                .isInstanceOf(InvalidSubmissionException.class);
    }

    @Test
    void refusesJoiningStderrToStdoutInAnInteractiveProblem() {
        try (Judge judge = Judge.builder().sandbox(sandbox()).build()) {
            Submission s = Submission.of("c", "int main(){}", TESTS)
                    .withInteractor(new Interactor("c", List.of(SourceFile.main("int main(){}")),
                            Interactor.Protocol.values()[0], 1))
                    .withOptions(new dev.judge.core.model.JudgeOptions(false, List.of(), List.of(), true));
            assertField(() -> judge.judge(s), "options.stderrToStdout");
        }
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidSubmissionException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
