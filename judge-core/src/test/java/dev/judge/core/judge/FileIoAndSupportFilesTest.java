package dev.judge.core.judge;

import static dev.judge.core.testsupport.FakeSandbox.exited;
import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import dev.judge.core.testsupport.FakeSandbox;
import dev.judge.core.testsupport.JavaClasses;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What the pipeline asks of the sandbox for file I/O, support files and the Java entry point. */
class FileIoAndSupportFilesTest {
    private static final List<TestCase> TESTS = List.of(TestCase.of("t1", "1 2\n", "3\n"));

    private final List<SandboxRequest> compiles = new CopyOnWriteArrayList<>();
    private final List<SandboxRequest> runs = new CopyOnWriteArrayList<>();

    /** Compiles (a compiler as the program) leave {@code artifacts}; runs answer with {@code run}. */
    private FakeSandbox sandbox(List<SandboxFile> artifacts, Function<SandboxRequest, SandboxResult> run) {
        return new FakeSandbox(r -> {
            if (r.command().contains("-dumpfullversion") || r.command().contains("-version")
                    || r.command().contains("--version")) {
                return exited(0, "1.0\n");
            }
            if (List.of("gcc", "g++", "javac").contains(r.command().get(0))) {
                compiles.add(r);
                return new SandboxResult(Termination.EXITED, 0, 0, new byte[0], new byte[0], false, Duration.ZERO,
                        Duration.ZERO, ByteSize.ofMiB(1), artifacts, "");
            }
            runs.add(r);
            return run.apply(r);
        });
    }

    private static SandboxResult writing(String stdout, List<SandboxFile> files) {
        return new SandboxResult(Termination.EXITED, 0, 0, stdout.getBytes(StandardCharsets.UTF_8), new byte[0],
                false, Duration.ofMillis(5), Duration.ofMillis(5), ByteSize.ofMiB(1), files, "");
    }

    private static SubmissionResult judge(FakeSandbox sandbox, Submission s) {
        try (Judge judge = Judge.builder().sandbox(sandbox).runSlots(1).build()) {
            return judge.judge(s);
        }
    }

    private static List<SandboxFile> binary() {
        return List.of(SandboxFile.executable("main", new byte[] {1}));
    }

    @Test
    void theInputFileAndStdinHoldTheTestInputAndTheOutputFileIsTheAnswer() {
        FakeSandbox sandbox = sandbox(binary(), r -> writing("noise\n",
                List.of(SandboxFile.of("output.txt", "3\n".getBytes(StandardCharsets.UTF_8)))));
        SubmissionResult r = judge(sandbox, Submission.of("c", "int main(){}", TESTS)
                .withIo(FileIo.files("input.txt", "output.txt")));
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.tests().get(0).stdout()).isEqualTo("noise\n");
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(new String(run.stdin(), StandardCharsets.UTF_8)).isEqualTo("1 2\n");
            assertThat(run.files()).contains(SandboxFile.of("input.txt", "1 2\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(run.collect()).containsExactly("output.txt");
        });
    }

    @Test
    void aRunWithoutTheOutputFileIsAWrongAnswerThatSaysSo() {
        FakeSandbox sandbox = sandbox(binary(), r -> writing("3\n", List.of()));
        SubmissionResult r = judge(sandbox, Submission.of("c", "int main(){}", TESTS)
                .withIo(FileIo.files(null, "output.txt")));
        assertThat(r.verdict()).isEqualTo(new Verdict.WrongAnswer());
        assertThat(r.tests().get(0).checkerMessage()).isEqualTo("output file output.txt was not created");
    }

    @Test
    void aRunThatFailsKeepsItsOwnVerdictWhateverItsFiles() {
        FakeSandbox sandbox = sandbox(binary(), r -> FakeSandbox.result(Termination.EXITED, 1, 0, "", "",
                Duration.ZERO));
        SubmissionResult r = judge(sandbox, Submission.of("c", "int main(){}", TESTS)
                .withIo(FileIo.files(null, "output.txt")));
        assertThat(r.verdict()).isInstanceOf(Verdict.RuntimeError.class);
    }

    @Test
    void aGraderIsCompiledWithTheSubmissionAndOtherSupportFilesRunBesideIt() {
        FakeSandbox sandbox = sandbox(binary(), r -> exited(0, "3\n"));
        SubmissionResult r = judge(sandbox, Submission.of("cpp", "long long add();", TESTS).withSupportFiles(List.of(
                new SourceFile("grader.cpp", "int main(){}"), new SourceFile("problem.h", "#pragma once"),
                new SourceFile("table.txt", "1 2 3"))));
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(compiles).singleElement().satisfies(c -> {
            assertThat(c.command()).contains("main.cpp", "grader.cpp").doesNotContain("problem.h", "table.txt");
            assertThat(c.files()).extracting(SandboxFile::path)
                    .containsExactly("main.cpp", "grader.cpp", "problem.h", "table.txt");
        });
        assertThat(runs).singleElement().satisfies(run -> assertThat(run.files()).extracting(SandboxFile::path)
                .containsExactly("main", "problem.h", "table.txt"));
    }

    @Test
    void supportFilesArePartOfTheCompileCacheKey() {
        FakeSandbox sandbox = sandbox(binary(), r -> exited(0, "3\n"));
        Submission s = Submission.of("cpp", "long long add();", TESTS);
        try (Judge judge = Judge.builder().sandbox(sandbox).runSlots(1).build()) {
            judge.judge(s.withSupportFiles(List.of(new SourceFile("grader.cpp", "int main(){}"))));
            judge.judge(s.withSupportFiles(List.of(new SourceFile("grader.cpp", "int main(){}"))));
            assertThat(compiles).hasSize(1);
            judge.judge(s.withSupportFiles(List.of(new SourceFile("grader.cpp", "int main(){return 0;}"))));
            assertThat(compiles).hasSize(2);
            // the same files, but one is now the submitter's: the run files differ, so the compile does too
            judge.judge(s.withSupportFiles(List.of(new SourceFile("data.txt", "7"))));
            judge.judge(new Submission("cpp", List.of(SourceFile.main("long long add();"),
                    new SourceFile("data.txt", "7")), TESTS, s.limits(), s.comparator(), s.options()));
            assertThat(compiles).hasSize(4);
            assertThat(runs.get(runs.size() - 2).files()).extracting(SandboxFile::path).contains("data.txt");
            assertThat(runs.get(runs.size() - 1).files()).extracting(SandboxFile::path).doesNotContain("data.txt");
        }
    }

    @Test
    void anInterpretedProgramRunsWithItsSupportModule() {
        FakeSandbox sandbox = sandbox(List.of(), r -> exited(0, "3\n"));
        judge(sandbox, Submission.of("python3", "import helper", TESTS)
                .withSupportFiles(List.of(new SourceFile("helper.py", "X = 1"))));
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.files()).extracting(SandboxFile::path).containsExactly("main.py", "helper.py");
            assertThat(run.command()).contains("main.py").doesNotContain("helper.py");
        });
    }

    @Test
    void javaRunsTheClassHoldingMain() {
        String source = "package a.b; public class Solution { public static void main(String[] x) { } }";
        List<SandboxFile> classes = JavaClasses.compile(Map.of("Solution.java", source)).entrySet().stream()
                .map(e -> SandboxFile.of(e.getKey(), e.getValue())).toList();
        FakeSandbox sandbox = sandbox(classes, r -> exited(0, "3\n"));
        SubmissionResult r = judge(sandbox, Submission.of("java", source, TESTS));
        assertThat(r.verdict()).as(r.compileOutput()).isEqualTo(Verdict.ACCEPTED);
        assertThat(compiles).singleElement().satisfies(c -> assertThat(c.files()).extracting(SandboxFile::path)
                .containsExactly("Solution.java"));
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.command()).endsWith("-cp", ".", "a.b.Solution");
            assertThat(run.files()).extracting(SandboxFile::path).containsExactly("a/b/Solution.class");
        });
    }

    @Test
    void javaWithoutMainIsACompileError() {
        List<SandboxFile> classes = JavaClasses.compile(Map.of("Main.java", "class Main { }")).entrySet().stream()
                .map(e -> SandboxFile.of(e.getKey(), e.getValue())).toList();
        SubmissionResult r = judge(sandbox(classes, x -> exited(0, "3\n")),
                Submission.of("java", "class Main { }", TESTS));
        assertThat(r.verdict()).isEqualTo(Verdict.COMPILATION_ERROR);
        assertThat(r.compileOutput()).contains("no class declares the method public static void main");
        assertThat(runs).isEmpty();
    }

    @Test
    void aSupportFileNamedLikeAnArtifactIsAJudgeError() {
        SubmissionResult r = judge(sandbox(binary(), x -> exited(0, "3\n")),
                Submission.of("c", "int main(){}", TESTS).withSupportFiles(List.of(new SourceFile("main", "data"))));
        assertThat(r.verdict()).isInstanceOfSatisfying(Verdict.InternalError.class,
                e -> assertThat(e.reason()).contains("'main'"));
        assertThat(runs).isEmpty();
    }

    @Test
    void anArtifactNamedLikeTheOutputFileIsAJudgeError() {
        SubmissionResult r = judge(sandbox(binary(), x -> exited(0, "3\n")),
                Submission.of("c", "int main(){}", TESTS).withIo(FileIo.files(null, "main")));
        assertThat(r.verdict()).isInstanceOfSatisfying(Verdict.InternalError.class,
                e -> assertThat(e.reason()).contains("'main'"));
        assertThat(runs).isEmpty();
    }
}
