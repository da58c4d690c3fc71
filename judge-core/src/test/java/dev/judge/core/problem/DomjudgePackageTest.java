package dev.judge.core.problem;

import static dev.judge.core.problem.KattisPackageTest.assertEntry;
import static dev.judge.core.problem.KattisPackageTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomjudgePackageTest {
    static Pkg domjudge() {
        return new Pkg()
                .put("domjudge-problem.ini", "probid = A\nname = \"Hello World\"\ntimelimit = '1.5'\ncolor = #ff0000\n")
                .put("problem.yaml", "name: Ignored In Favour Of The Ini\nvalidator_flags: case_sensitive\n")
                .put("problem.pdf", new byte[] {'%', 'P', 'D', 'F', 0})
                .put("data/sample/hello.in", "").put("data/sample/hello.ans", "Hello world!\n")
                .put("data/secret/hello.in", "").put("data/secret/hello.ans", "Hello world!\n")
                .put("submissions/accepted/hello.c", "/* @EXPECTED_RESULTS@: CORRECT */\n#include <stdio.h>\n"
                        + "int main(){puts(\"Hello world!\");}\n")
                .put("submissions/wrong_answer/shout.py", "print('HELLO WORLD!')\n");
    }

    @Test
    void readsADomjudgeZipWithItsIni() {
        ImportedProblem imported = Pkg.read(domjudge());
        ProblemDefinition d = imported.definition();
        assertThat(imported.report().format()).isEqualTo(PackageFormat.DOMJUDGE);
        assertThat(d.name()).isEqualTo("Hello World");
        assertThat(d.timeLimit()).isEqualTo(Duration.ofMillis(1500));
        assertThat(((OutputCheck.BuiltIn) d.check()).comparator()).isEqualTo(ComparatorSpec.Kattis.parse("case_sensitive"));
        assertThat(d.tests()).hasSize(2);
        assertThat(d.statement()).isNull();
        assertThat(d.submissions()).extracting(ExampleSubmission::expectedVerdicts)
                .containsExactly(Set.of("AC"), Set.of("WA", "PE"));
        assertThat(d.submissions().get(0).program().languageId()).isEqualTo("c");
        assertEntry(imported.report(), ImportReport.Kind.IGNORED, "domjudge-problem.ini", "color");
        assertEntry(imported.report(), ImportReport.Kind.IMPORTED, "domjudge-problem.ini", "timelimit");
        assertEntry(imported.report(), ImportReport.Kind.UNSUPPORTED, "problem.pdf", "");
        Submission s = d.toSubmission("c", List.of(SourceFile.main("int main(){}")));
        assertThat(s.limits().cpuTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.options().stopOnFirstFailure()).isTrue();
    }

    @Test
    void aTimelimitFileAndAnHtmlStatementAreRead() {
        Pkg p = domjudge().put("domjudge-problem.ini", "name=Hello\n").put(".timelimit", "3\n")
                .put("problem.html", "<p>Say hello</p>");
        ProblemDefinition d = Pkg.read(p).definition();
        assertThat(d.timeLimit()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.statement().format()).isEqualTo(Statement.Format.HTML);
    }

    @Test
    void refusesWhatOnlyADomjudgeInstallationHas() {
        assertRejected(domjudge().put("domjudge-problem.ini", "special_compare = float\n"), "domjudge-problem.ini",
                "special_compare");
        assertRejected(domjudge().put("domjudge-problem.ini", "timelimit = soon\n"), "domjudge-problem.ini",
                "timelimit");
        assertRejected(domjudge().put("domjudge-problem.ini", "name\n"), "domjudge-problem.ini", "line 1");
    }
}
