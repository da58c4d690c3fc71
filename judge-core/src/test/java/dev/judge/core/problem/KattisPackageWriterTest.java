package dev.judge.core.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.TestCase;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Problems written as Kattis packages and read back by the reader into the same problem. */
class KattisPackageWriterTest {

    private static Pkg scoring() {
        return new Pkg().put("problem.yaml", """
                        name: "Sum's groups"
                        type: scoring
                        validation: custom score
                        validator_flags: exact
                        limits:
                          time_limit: 1.5
                          memory: 512
                          time_multiplier: 3
                        """)
                .put("problem_statement/problem.en.md", "Add *two* numbers.\n")
                .put("data/sample/1.in", "1 2\n").put("data/sample/1.ans", "3\n")
                .put("data/secret/testdata.yaml", "on_reject: continue\n")
                .put("data/secret/g1/testdata.yaml", "accept_score: 5\n")
                .put("data/secret/g1/1.in", "10 20\n").put("data/secret/g1/1.ans", "30\n")
                .put("data/secret/g1/2.in", "-5 5\n").put("data/secret/g1/2.ans", "0\n")
                .put("data/secret/g2/testdata.yaml", "grader_flags: min\naccept_score: 40\n")
                .put("data/secret/g2/1.in", "7 7\n").put("data/secret/g2/1.ans", "14\n")
                .put("output_validators/check/check.py", "import sys\nsys.exit(42)\n")
                .put("input_validators/in.py", "import sys\nsys.exit(42)\n")
                .put("include/default/grader.h", "int grade(void);\n")
                .put("include/python3/helper.py", "X = 1\n")
                .put("submissions/accepted/sum.py", "print(sum(map(int, input().split())))\n")
                .put("submissions/wrong_answer/zero.py", "print(0)\n");
    }

    @Test
    void aScoringPackageWithGroupsValidatorsAndIncludesReadsBackTheSame() {
        ProblemDefinition before = Pkg.read(scoring()).definition();
        ExportedPackage exported = KattisPackageWriter.write(before);
        assertThat(exported.omitted()).isEmpty();
        ImportedProblem again = ProblemPackageReader.withDefaultCaps().read(exported.zip());
        ProblemDefinition after = again.definition();

        assertThat(again.report().format()).isEqualTo(PackageFormat.KATTIS_LEGACY);
        assertThat(again.report().entries(ImportReport.Kind.UNSUPPORTED)).isEmpty();
        assertThat(after.name()).isEqualTo("Sum's groups");
        assertThat(after.timeLimit()).isEqualTo(Duration.ofMillis(1500));
        assertThat(after.memoryLimit()).isEqualTo(before.memoryLimit());
        assertThat(after.timeLimitPolicy()).isEqualTo(before.timeLimitPolicy());
        assertThat(after.scoring()).isTrue();
        assertThat(after.groups()).isEqualTo(before.groups());
        assertThat(after.tests()).extracting(TestCase::id).containsExactlyElementsOf(
                before.tests().stream().map(TestCase::id).toList());
        for (int i = 0; i < before.tests().size(); i++) {
            assertThat(after.tests().get(i).input()).isEqualTo(before.tests().get(i).input());
            assertThat(after.tests().get(i).expectedOutput()).isEqualTo(before.tests().get(i).expectedOutput());
            assertThat(after.tests().get(i).group()).isEqualTo(before.tests().get(i).group());
            assertThat(after.tests().get(i).hidden()).isEqualTo(before.tests().get(i).hidden());
        }
        assertThat(after.check()).isInstanceOfSatisfying(OutputCheck.CheckerProgram.class, c -> {
            assertThat(c.protocol()).isEqualTo(OutputCheck.Protocol.KATTIS);
            assertThat(c.arguments()).isEqualTo("exact");
            assertThat(c.program().sources()).isEqualTo(((OutputCheck.CheckerProgram) before.check()).program().sources());
        });
        assertThat(after.supportFiles()).isEqualTo(before.supportFiles());
        assertThat(after.inputValidators()).extracting(Program::sources)
                .containsExactlyElementsOf(before.inputValidators().stream().map(Program::sources).toList());
        assertThat(after.submissions()).extracting(ExampleSubmission::path, ExampleSubmission::expectedVerdicts)
                .containsExactlyElementsOf(before.submissions().stream()
                        .map(s -> org.assertj.core.groups.Tuple.tuple(s.path(), s.expectedVerdicts())).toList());
        assertThat(after.statement().text()).isEqualTo("Add *two* numbers.\n");
        assertThat(after.stopOnFirstFailure()).isEqualTo(before.stopOnFirstFailure());
    }

    @Test
    void anInteractivePassFailPackageWithDefaultFlagsReadsBackTheSame() {
        ProblemDefinition before = Pkg.read(new Pkg().put("problem.yaml", """
                        name: Guess
                        validation: custom interactive
                        limits:
                          time_limit: 2
                        """)
                .put("data/secret/1.in", "42\n").put("data/secret/1.ans", "\n")
                .put("output_validators/guess/guess.py", "import sys\nsys.exit(42)\n")).definition();
        ProblemDefinition after = ProblemPackageReader.withDefaultCaps()
                .read(KattisPackageWriter.write(before).zip()).definition();
        assertThat(after.interactor().toInteractor()).isEqualTo(before.interactor().toInteractor());
        assertThat(after.interactor().arguments()).isEqualTo(before.interactor().arguments());
        assertThat(after.stopOnFirstFailure()).isTrue();
        assertThat(after.tests()).extracting(TestCase::id).containsExactly("secret/1");
    }

    @Test
    void builtInComparisonsBecomeTheDefaultValidatorsFlagsAndTestlibCheckersAreRefused() {
        ProblemDefinition plain = Pkg.read(new Pkg().put("problem.yaml", "name: Floats\nlimits:\n  time_limit: 1\n")
                .put("data/secret/1.in", "1\n").put("data/secret/1.ans", "1\n")).definition();
        ProblemDefinition floats = new ProblemDefinition(plain.name(), null, plain.timeLimit(), null, null,
                plain.timeLimitPolicy(), new OutputCheck.BuiltIn(ComparatorSpec.floats(1e-6, 1e-4)), null, false,
                List.of(), plain.tests(), plain.io(), true, java.util.Map.of(), List.of(), java.util.Map.of(), List.of());
        ProblemDefinition back = ProblemPackageReader.withDefaultCaps().read(KattisPackageWriter.write(floats).zip())
                .definition();
        assertThat(back.check()).isEqualTo(new OutputCheck.BuiltIn(
                ComparatorSpec.Kattis.parse("float_absolute_tolerance 1.0E-6 float_relative_tolerance 1.0E-4")));

        ProblemDefinition testlib = new ProblemDefinition(plain.name(), null, plain.timeLimit(), null, null,
                plain.timeLimitPolicy(), new OutputCheck.CheckerProgram(new Program("files/check.cpp", "cpp",
                List.of(dev.judge.core.model.SourceFile.main("int main(){}"))), OutputCheck.Protocol.TESTLIB, ""),
                null, false, List.of(), plain.tests(), plain.io(), true, java.util.Map.of(), List.of(),
                java.util.Map.of(), List.of());
        assertThatThrownBy(() -> KattisPackageWriter.write(testlib)).isInstanceOf(PackageExportException.class)
                .hasMessageContaining("testlib");
    }
}
