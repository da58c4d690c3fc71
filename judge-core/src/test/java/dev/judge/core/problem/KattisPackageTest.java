package dev.judge.core.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KattisPackageTest {
    static final String VALIDATOR = """
            #include <fstream>
            #include "util.h"
            int main(int argc, char **argv) {
                std::ifstream ans(argv[2]);
                long long want, got;
                ans >> want;
                if (!(std::cin >> got) || got != want) return 43;
                return 42;
            }
            """;

    /** A legacy pass-fail package with nested groups, a custom validator, includes, statement and submissions. */
    static Pkg legacy() {
        return new Pkg()
                .put("problem.yaml", """
                        name: Sum It Up
                        author: A. Setter
                        source: Test Contest 2026
                        license: cc by-sa
                        validation: custom
                        validator_flags: strict
                        limits:
                          time_multiplier: 3
                          time_safety_margin: 2.5
                          memory: 512
                          compilation_time: 90
                        flavour: vanilla
                        """)
                .put("problem_statement/problem.en.tex", "\\problemname{Sum It Up}\nAdd two numbers.")
                .put("problem_statement/problem.sv.tex", "\\problemname{Summera}")
                .put("problem_statement/figure.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0})
                .put("data/sample/1.in", "1 2\n").put("data/sample/1.ans", "3\n")
                .put("data/sample/1.interaction", "<1 2\n>3\n")
                .put("data/secret/testdata.yaml", "on_reject: continue\ninput_validator_flags: --max 100\n")
                .put("data/secret/group1/01.in", "5 5\n").put("data/secret/group1/01.ans", "10\n")
                .put("data/secret/group1/01.hint", "think about carries")
                .put("data/secret/group1/02.in", "7 8\n").put("data/secret/group1/02.ans", "15\n")
                .put("data/secret/group2/big/01.in", "100 1\n").put("data/secret/group2/big/01.ans", "101\n")
                .put("data/secret/group2/big/01.files/extra.txt", "x")
                .put("data/invalid_input/neg.in", "-1 2\n")
                .put("output_validators/checker/checker.cpp", VALIDATOR)
                .put("output_validators/checker/util.h", "#include <iostream>\n")
                .put("output_validators/checker/build", "#!/bin/sh\ng++ -O2 checker.cpp\n")
                .put("input_validators/val.cpp", "int main() { return 42; }\n")
                .put("input_validators/format.ctd", "INT(0,100) SPACE INT(0,100) NEWLINE")
                .put("include/cpp/sum.h", "long long sum(long long a, long long b);\n")
                .put("include/default/README.txt", "helpers")
                .put("include/cobol/x.cob", "IDENTIFICATION DIVISION.")
                .put("submissions/accepted/sol.cpp", "#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;"
                        + "std::cout<<a+b;}\n")
                .put("submissions/accepted/sol.py", "print(sum(map(int, input().split())))\n")
                .put("submissions/wrong_answer/wa.py", "print(0)\n")
                .put("submissions/time_limit_exceeded/slow.cpp", "// @EXPECTED_RESULTS@: TIMELIMIT, WRONG-ANSWER\n"
                        + "int main(){for(;;);}\n")
                .put("submissions/time_limit_exceeded/weird.kt", "fun main() {}");
    }

    @Test
    void readsALegacyPackageWithEveryPart() {
        ImportedProblem imported = Pkg.read(legacy());
        ProblemDefinition d = imported.definition();
        ImportReport r = imported.report();

        assertThat(r.format()).isEqualTo(PackageFormat.KATTIS_LEGACY);
        assertThat(d.name()).isEqualTo("Sum It Up");
        assertThat(d.statement().format()).isEqualTo(Statement.Format.LATEX);
        assertThat(d.statement().text()).contains("Add two numbers");
        assertThat(d.statement().file()).isEqualTo("problem_statement/problem.en.tex");
        assertThat(d.timeLimit()).isNull();
        assertThat(d.memoryLimit()).isEqualTo(ByteSize.ofMiB(512));
        assertThat(d.timeLimitPolicy()).isEqualTo(new TimeLimitPolicy(3, 2.5, 1));

        assertThat(d.tests()).extracting(TestCase::id).containsExactly("sample/1", "secret/group1/01",
                "secret/group1/02", "secret/group2/big/01");
        assertThat(d.tests()).extracting(TestCase::hidden).containsExactly(false, true, true, true);
        assertThat(Pkg.text(d.tests().get(2).expectedOutput())).isEqualTo("15\n");
        assertThat(d.scoring()).isFalse();
        assertThat(d.groups()).isEmpty();
        assertThat(d.stopOnFirstFailure()).as("on_reject: continue").isFalse();
        assertThat(d.inputValidatorFlags()).containsEntry("secret/group1/01", "--max 100")
                .doesNotContainKey("sample/1");

        OutputCheck.CheckerProgram checker = (OutputCheck.CheckerProgram) d.check();
        assertThat(checker.protocol()).isEqualTo(OutputCheck.Protocol.KATTIS);
        assertThat(checker.arguments()).isEqualTo("strict");
        assertThat(checker.program().languageId()).isEqualTo("cpp");
        assertThat(checker.program().sources()).containsExactly(SourceFile.main(VALIDATOR),
                new SourceFile("util.h", "#include <iostream>\n"));
        assertThat(d.interactor()).isNull();

        assertThat(d.supportFilesFor("cpp")).containsExactly(new SourceFile("sum.h",
                "long long sum(long long a, long long b);\n"));
        assertThat(d.supportFilesFor("java")).containsExactly(new SourceFile("README.txt", "helpers"));
        assertThat(d.inputValidators()).extracting(Program::name).containsExactly("input_validators/val.cpp");

        assertThat(d.submissions()).extracting(ExampleSubmission::path).containsExactly(
                "submissions/accepted/sol.cpp", "submissions/accepted/sol.py", "submissions/time_limit_exceeded/slow.cpp",
                "submissions/wrong_answer/wa.py");
        ExampleSubmission slow = d.submissions().get(2);
        assertThat(slow.expectedVerdicts()).as("the tag wins over the directory").isEqualTo(Set.of("TLE", "WA"));
        assertThat(slow.timeLimitUse()).isEqualTo(ExampleSubmission.TimeLimitUse.UPPER_BOUND);
        assertThat(d.submissions().get(1).program().languageId()).isEqualTo("python3");
        assertThat(d.submissions().get(1).timeLimitUse()).isEqualTo(ExampleSubmission.TimeLimitUse.LOWER_BOUND);
        assertThat(d.submissions().get(3).expectedVerdicts()).contains("WA");

        assertEntry(r, ImportReport.Kind.UNSUPPORTED, "problem.yaml", "flavour");
        assertEntry(r, ImportReport.Kind.IGNORED, "problem.yaml", "author");
        assertEntry(r, ImportReport.Kind.IGNORED, "problem.yaml", "limits.compilation_time");
        assertEntry(r, ImportReport.Kind.NOTE, "problem.yaml", "limits");
        assertEntry(r, ImportReport.Kind.IGNORED, "problem_statement/problem.sv.tex", "");
        assertEntry(r, ImportReport.Kind.IGNORED, "problem_statement/figure.png", "");
        assertEntry(r, ImportReport.Kind.IGNORED, "data/secret/group1/01.hint", "");
        assertEntry(r, ImportReport.Kind.IGNORED, "data/sample/1.interaction", "");
        assertEntry(r, ImportReport.Kind.UNSUPPORTED, "data/secret/group2/big/01.files/extra.txt", "");
        assertEntry(r, ImportReport.Kind.IGNORED, "data/invalid_input/neg.in", "");
        assertEntry(r, ImportReport.Kind.UNSUPPORTED, "output_validators/checker/build", "");
        assertEntry(r, ImportReport.Kind.UNSUPPORTED, "input_validators/format.ctd", "");
        assertEntry(r, ImportReport.Kind.UNSUPPORTED, "include/cobol/x.cob", "");
        assertEntry(r, ImportReport.Kind.UNSUPPORTED, "submissions/time_limit_exceeded/weird.kt", "");
        assertEntry(r, ImportReport.Kind.IMPORTED, "submissions/time_limit_exceeded/slow.cpp", "@EXPECTED_RESULTS@");
        // Every file of the package is accounted for.
        for (String path : List.of("problem.yaml", "data/sample/1.in", "data/secret/testdata.yaml",
                "input_validators/val.cpp", "include/cpp/sum.h")) {
            assertThat(r.entries()).as(path).anyMatch(e -> e.file().equals(path) || path.startsWith("data/")
                    && e.file().equals("data/") || e.file().equals(path));
        }
    }

    @Test
    void aSubmissionNeedsATimeLimitAndCarriesTheKattisValidator() {
        ProblemDefinition d = Pkg.read(legacy()).definition();
        assertThatThrownBy(() -> d.toSubmission("cpp", List.of(SourceFile.main("int main(){}"))))
                .isInstanceOf(InvalidSubmissionException.class)
                .satisfies(e -> assertThat(((InvalidSubmissionException) e).field()).isEqualTo("limits.cpuTime"));
        ProblemDefinition timed = d.withTimeLimit(d.timeLimitPolicy().limitFor(Duration.ofMillis(400)));
        assertThat(timed.timeLimit()).as("400 ms × 3 = 1.2 s, rounded half up").isEqualTo(Duration.ofSeconds(1));
        Submission s = timed.toSubmission("cpp", List.of(SourceFile.main("int main(){}")));
        assertThat(s.comparator()).isInstanceOfSatisfying(ComparatorSpec.Checker.class,
                c -> {
                    assertThat(c.protocol()).isEqualTo(ComparatorSpec.Checker.Protocol.KATTIS);
                    assertThat(c.arguments()).isEqualTo("strict");
                });
    }

    @Test
    void aDirectoryReadsAsItsZipAndAZippedFolderIsLookedThrough(@TempDir Path dir) throws Exception {
        Pkg p = legacy();
        ProblemDefinition fromZip = Pkg.read(p).definition();
        ProblemDefinition fromDir = ProblemPackageReader.withDefaultCaps().read(p.writeTo(dir)).definition();
        ProblemDefinition fromFolderZip = ProblemPackageReader.withDefaultCaps().read(p.zip("sumitup/")).definition();
        assertThat(fromDir.tests()).isEqualTo(fromZip.tests());
        assertThat(fromFolderZip.tests()).isEqualTo(fromZip.tests());
        assertThat(fromFolderZip.name()).isEqualTo("Sum It Up");
    }

    /** A 2023-07 scoring package: subtasks with min and sum grading, range, ignore_sample, validator flags. */
    static Pkg scoring() {
        return new Pkg()
                .put("problem.yaml", """
                        problem_format_version: 2023-07-draft
                        uuid: 0b0e0c1c-1111-2222-3333-444455556666
                        type: scoring
                        name:
                          en: Odd Sums
                          sv: Udda summor
                        limits:
                          time_limit: 1.5
                          time_multipliers:
                            ac_to_time_limit: 2.5
                          memory: 256
                          output: 16
                        """)
                .put("statement/problem.en.md", "# Odd Sums\nPrint the sum.")
                .put("data/testdata.yaml", "grader_flags: ignore_sample\noutput_validator_flags: float_tolerance 1e-6\n")
                .put("data/sample/1.in", "1\n").put("data/sample/1.ans", "1\n")
                .put("data/secret/testdata.yaml", "on_reject: continue\n")
                .put("data/secret/subtask1/testdata.yaml", "on_reject: break\naccept_score: 30\ngrader_flags: min\n")
                .put("data/secret/subtask1/a.in", "1\n").put("data/secret/subtask1/a.ans", "1\n")
                .put("data/secret/subtask1/b.in", "3\n").put("data/secret/subtask1/b.ans", "3\n")
                .put("data/secret/subtask2/testdata.yaml", "accept_score: 40\nrange: 0 70\n")
                .put("data/secret/subtask2/a.in", "5\n").put("data/secret/subtask2/a.ans", "5\n")
                .put("data/secret/subtask2/b.in", "7\n").put("data/secret/subtask2/b.ans", "7\n")
                .put("submissions/accepted/ok.py", "print(input())\n")
                .put("submissions/partially_accepted/half.py", "print(1)\n")
                .put("submissions/rejected/bad.py", "print(-1)\n");
    }

    @Test
    void readsA2023ScoringPackageIntoGroups() {
        ImportedProblem imported = Pkg.read(scoring());
        ProblemDefinition d = imported.definition();
        assertThat(imported.report().format()).isEqualTo(PackageFormat.KATTIS_2023_07);
        assertThat(d.name()).isEqualTo("Odd Sums");
        assertThat(d.statement().format()).isEqualTo(Statement.Format.MARKDOWN);
        assertThat(d.timeLimit()).isEqualTo(Duration.ofMillis(1500));
        assertThat(d.timeLimitPolicy()).isEqualTo(new TimeLimitPolicy(2.5, 1.5, 1.0));
        assertThat(d.scoring()).isTrue();
        assertThat(d.groups()).containsExactly(
                new TestGroup("sample", 0, TestGroup.Scoring.SUM, List.of(), true),
                new TestGroup("secret/subtask1", 30, TestGroup.Scoring.MIN, List.of(), true),
                new TestGroup("secret/subtask2", 70, TestGroup.Scoring.SUM, List.of(), false));
        assertThat(d.tests()).extracting(TestCase::group).containsExactly("sample", "secret/subtask1",
                "secret/subtask1", "secret/subtask2", "secret/subtask2");
        assertThat(((OutputCheck.BuiltIn) d.check()).comparator()).isEqualTo(new ComparatorSpec.Kattis(false, false,
                OptionalDouble.of(1e-6), OptionalDouble.of(1e-6)));
        assertEntry(imported.report(), ImportReport.Kind.NOTE, "data/secret/subtask2", "range");
        assertEntry(imported.report(), ImportReport.Kind.IGNORED, "problem.yaml", "uuid");
        assertThat(d.submissions()).extracting(ExampleSubmission::category)
                .containsExactly("accepted", "partially_accepted", "rejected");

        Submission s = d.toSubmission("python3", List.of(SourceFile.main("print(input())")));
        assertThat(s.groups()).isEqualTo(d.groups());
        assertThat(s.tests()).hasSize(5);
        assertThat(s.limits().cpuTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.limits().memory()).isEqualTo(ByteSize.ofMiB(256));
        assertThat(s.limits().outputSize()).isEqualTo(ByteSize.ofMiB(16));
        assertThat(s.options().stopOnFirstFailure()).isFalse();
        assertThat(s.comparator()).isInstanceOf(ComparatorSpec.Kattis.class);
    }

    @Test
    void readsA2023InteractiveMultiPassPackage() {
        Pkg p = new Pkg()
                .put("problem.yaml", """
                        problem_format_version: 2023-07
                        name: Guess
                        type: [pass-fail, interactive, multi-pass]
                        limits:
                          time_limit: 2
                          validation_passes: 3
                        """)
                .put("statement/problem.md", "Guess the number.")
                .put("data/sample/1.in", "42\n").put("data/sample/1.ans", "")
                .put("data/secret/1.in", "7\n").put("data/secret/1.ans", "")
                .put("output_validator/interactor.cpp", "#include \"io.h\"\nint main(int c, char**v){return 42;}\n")
                .put("output_validator/io.h", "#include <cstdio>\n")
                .put("submissions/accepted/guess.cpp", "int main(){}\n");
        ProblemDefinition d = Pkg.read(p).definition();
        assertThat(d.interactor().protocol()).isEqualTo(Interactor.Protocol.KATTIS);
        assertThat(d.interactor().passes()).isEqualTo(3);
        assertThat(d.interactor().program().name()).isEqualTo("output_validator");
        assertThat(d.stopOnFirstFailure()).as("pass-fail, on_reject break by default").isTrue();
        Submission s = d.toSubmission("cpp", List.of(SourceFile.main("int main(){}")));
        assertThat(s.interactor()).isEqualTo(new Interactor("cpp", d.interactor().program().sources(),
                Interactor.Protocol.KATTIS, 3));
        assertThat(s.options().stopOnFirstFailure()).isTrue();
    }

    @Test
    void readsALegacyInteractivePackage() {
        Pkg p = new Pkg()
                .put("problem.yaml", "name: Guess\nvalidation: custom interactive\n")
                .put("data/secret/1.in", "7\n").put("data/secret/1.ans", "7\n")
                .put("output_validators/guess/guess.py", "import sys\nif __name__ == '__main__':\n    sys.exit(42)\n");
        ProblemDefinition d = Pkg.read(p).definition();
        assertThat(d.interactor().passes()).isEqualTo(1);
        assertThat(d.interactor().program().languageId()).isEqualTo("python3");
        assertThat(d.check()).isInstanceOf(OutputCheck.BuiltIn.class);
    }

    @Test
    void refusesBrokenPackagesNamingTheFile() {
        assertRejected(legacy().put("problem.yaml", "name: x\nlimits: [1, 2\n"), "problem.yaml", "line 3");
        assertRejected(legacy().remove("data/secret/group1/02.ans"), "data/secret/group1/02.in", "02.ans");
        assertRejected(legacy().remove("output_validators/checker/checker.cpp")
                .remove("output_validators/checker/util.h").remove("output_validators/checker/build"),
                "problem.yaml", "output validator");
        assertRejected(legacy().put("data/secret/testdata.yaml", "on_reject: sometimes\n"),
                "data/secret/testdata.yaml", "on_reject");
        assertRejected(scoring().put("problem.yaml", "problem_format_version: 2023-07\nname: x\ntype: submit-answer\n"),
                "problem.yaml", "submit-answer");
        assertRejected(scoring().put("problem.yaml", "problem_format_version: 2031-01\nname: x\n"), "problem.yaml",
                "problem_format_version");
        assertRejected(new Pkg().put("problem.yaml", "name: x\nvalidator_flags: loose\n").put("data/secret/1.in", "")
                .put("data/secret/1.ans", ""), "problem.yaml", "validator_flags");
        assertRejected(new Pkg().put("problem.yaml", "name: x\n"), "data/", "no test");
        assertRejected(new Pkg().put("README.md", "hello"), "", "not a problem package");
    }

    static void assertRejected(Pkg p, String file, String message) {
        assertThatThrownBy(() -> Pkg.read(p)).isInstanceOf(PackageRejectedException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((PackageRejectedException) e).file()).isEqualTo(file));
    }

    static void assertEntry(ImportReport r, ImportReport.Kind kind, String file, String key) {
        assertThat(r.entries()).as(kind + " " + file + " [" + key + "] in\n" + String.join("\n",
                r.entries().stream().map(Object::toString).toList()))
                .anyMatch(e -> e.kind() == kind && e.file().equals(file) && e.key().equals(key));
    }
}
