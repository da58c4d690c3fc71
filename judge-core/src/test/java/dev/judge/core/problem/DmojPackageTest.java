package dev.judge.core.problem;

import static dev.judge.core.problem.KattisPackageTest.assertEntry;
import static dev.judge.core.problem.KattisPackageTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmojPackageTest {
    static Pkg dmoj(String checker) {
        byte[] archive = new Pkg()
                .put("tri.1.in", "1\n").put("tri.1.out", "1.0\n")
                .put("tri.2.in", "2\n").put("tri.2.out", "2.0\n")
                .put("tri.3.in", "3\n").put("tri.3.out", "3.0\n")
                .put("tri.4.in", "4\n").put("tri.4.out", "4.0\n")
                .zip();
        return new Pkg().put("tri.zip", archive).put("init.yml", """
                archive: tri.zip
                %s
                hints: [nobigmath]
                unbuffered: false
                flavour: 3
                pretest_test_cases:
                - {in: tri.1.in, out: tri.1.out, points: 1}
                test_cases:
                - {in: tri.1.in, out: tri.1.out, points: 5}
                - batched:
                  - {in: tri.2.in, out: tri.2.out}
                  - {in: tri.3.in, out: tri.3.out}
                  points: 20
                - batched:
                  - {in: tri.4.in, out: tri.4.out}
                  points: 75
                  dependencies: [1]
                """.formatted(checker));
    }

    @Test
    void readsBatchesWithPointsDependenciesAndANamedChecker() {
        ImportedProblem imported = Pkg.read(dmoj("checker: {name: floats, args: {precision: 4, error_mode: absolute}}"));
        ProblemDefinition d = imported.definition();
        assertThat(imported.report().format()).isEqualTo(PackageFormat.DMOJ);
        assertThat(d.tests()).extracting(TestCase::id).containsExactly("1", "2.1", "2.2", "3.1");
        assertThat(d.tests()).extracting(TestCase::group).containsExactly(null, "batch1", "batch1", "batch2");
        assertThat(d.tests()).extracting(TestCase::weight).containsExactly(5.0, 1.0, 1.0, 1.0);
        assertThat(Pkg.text(d.tests().get(2).input())).isEqualTo("3\n");
        assertThat(d.groups()).containsExactly(
                new TestGroup("batch1", 20, TestGroup.Scoring.MIN, List.of(), true),
                new TestGroup("batch2", 75, TestGroup.Scoring.MIN, List.of("batch1"), true));
        assertThat(((OutputCheck.BuiltIn) d.check()).comparator()).isEqualTo(new ComparatorSpec.Floats(1e-4, 0));
        assertThat(d.timeLimit()).isNull();
        assertEntry(imported.report(), ImportReport.Kind.IGNORED, "init.yml", "pretest_test_cases");
        assertEntry(imported.report(), ImportReport.Kind.UNSUPPORTED, "init.yml", "flavour");
        assertEntry(imported.report(), ImportReport.Kind.NOTE, "init.yml", "");

        assertThatThrownBy(() -> d.toSubmission("cpp", List.of(SourceFile.main("")))).isInstanceOf(
                InvalidSubmissionException.class);
        Submission s = d.withTimeLimit(Duration.ofSeconds(1)).toSubmission("cpp", List.of(SourceFile.main("")));
        assertThat(s.groups()).hasSize(2);
        assertThat(s.options().stopOnFirstFailure()).isFalse();
    }

    @Test
    void mapsCheckerNames() {
        assertThat(checker("checker: standard")).isEqualTo(new ComparatorSpec.Tokens());
        assertThat(checker("checker: identical")).isEqualTo(new ComparatorSpec.Exact());
        assertThat(checker("checker: rstripped")).isEqualTo(new ComparatorSpec.Lines());
        assertThat(checker("checker: sorted")).isEqualTo(new ComparatorSpec.UnorderedLines());
        assertThat(checker("checker: floats")).isEqualTo(new ComparatorSpec.Floats(1e-6, 1e-6));
        assertThat(checker("checker: floatsrel")).isEqualTo(new ComparatorSpec.Floats(0, 1e-6));
        assertThat(checker("")).isEqualTo(new ComparatorSpec.Tokens());
        assertRejected(dmoj("checker: linecount"), "init.yml", "linecount");
        assertRejected(dmoj("checker: {name: floats, args: {error_mode: fuzzy}}"), "init.yml", "error_mode");
    }

    private static ComparatorSpec checker(String line) {
        return ((OutputCheck.BuiltIn) Pkg.read(dmoj(line)).definition().check()).comparator();
    }

    @Test
    void readsBridgedTestlibCheckersAndInteractors() {
        String check = "#include \"testlib.h\"\nint main(int c, char** v) { registerTestlibCmd(c, v); quitf(_ok, \"\"); }\n";
        Pkg p = dmoj("checker: {name: bridged, args: {files: [check.cpp, common.h], lang: CPP17, type: testlib}}\n"
                + "interactive: {files: interactor.cpp, type: testlib}")
                .put("check.cpp", check).put("common.h", "#pragma once\n")
                .put("interactor.cpp", "int main() { return 0; }\n");
        ImportedProblem imported = Pkg.read(p);
        ProblemDefinition d = imported.definition();
        OutputCheck.CheckerProgram c = (OutputCheck.CheckerProgram) d.check();
        assertThat(c.protocol()).isEqualTo(OutputCheck.Protocol.TESTLIB);
        assertThat(c.program().languageId()).isEqualTo("cpp");
        assertThat(c.program().sources()).containsExactly(SourceFile.main(check), new SourceFile("common.h", "#pragma once\n"));
        assertThat(d.interactor().protocol()).isEqualTo(Interactor.Protocol.TESTLIB);
        assertEntry(imported.report(), ImportReport.Kind.NOTE, "check.cpp", "");
        assertRejected(dmoj("checker: {name: bridged, args: {files: check.py, lang: PY3, type: coci}}")
                .put("check.py", "print(1)"), "init.yml", "coci");
    }

    @Test
    void refusesBrokenDmojPackagesNamingTheFile() {
        assertRejected(dmoj("").put("init.yml", "archive: tri.zip\ntest_cases:\n- {in: tri.9.in, out: tri.9.out}\n"),
                "tri.9.in", "missing");
        assertRejected(dmoj("").put("init.yml", "archive: tri.zip\ntest_cases:\n- batched: [{in: tri.1.in, out: tri.1.out}]\n"
                + "  dependencies: [1]\n"),
                "init.yml", "dependencies");
        assertRejected(dmoj("").put("init.yml", "generator: gen.c\ntest_cases:\n- {generator_args: [1], points: 1}\n"),
                "init.yml", "generator");
        assertRejected(dmoj("").put("init.yml", "archive: gone.zip\ntest_cases: []\n"), "init.yml", "gone.zip");
        assertRejected(dmoj("").put("tri.zip", new Pkg().put("../up.in", "1").zip()), "../up.in", "'..'");
    }

    @Test
    void archivePathsAreKeptAsInitYmlNamesThem() {
        byte[] archive = new Pkg().put("cases/1.in", "1\n").put("cases/1.out", "1\n").zip();
        Pkg p = new Pkg().put("cases.zip", archive)
                .put("init.yml", "archive: cases.zip\ntest_cases:\n- {in: cases/1.in, out: cases/1.out, points: 1}\n");
        assertThat(Pkg.read(p).definition().tests()).extracting(TestCase::id).containsExactly("1");
    }
}
