package dev.judge.core.problem;

import static dev.judge.core.problem.KattisPackageTest.assertEntry;
import static dev.judge.core.problem.KattisPackageTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolygonPackageTest {
    static final String TESTLIB = "// a stand-in for testlib.h\n#pragma once\n";
    static final String CHECKER = "#include \"testlib.h\"\nint main(int argc, char* argv[]) {\n"
            + "    registerTestlibCmd(argc, argv);\n    quitf(_ok, \"fine\");\n}\n";

    static String xml(String judgingAttrs, String tests, String groups, String extraAssets) {
        return """
                <?xml version="1.0" encoding="utf-8" standalone="no"?>
                <problem revision="7" short-name="subtasks" url="https://polygon.codeforces.com/p/x/subtasks">
                    <names>
                        <name language="russian" value="Подзадачи"/>
                        <name language="english" value="Subtasks"/>
                    </names>
                    <statements>
                        <statement charset="UTF-8" language="english" mathjax="true" path="statements/english/problem.tex" type="application/x-tex"/>
                        <statement charset="UTF-8" language="english" mathjax="true" path="statements/.html/english/problem.html" type="text/html"/>
                        <statement language="english" path="statements/.pdf/english/problem.pdf" type="application/pdf"/>
                    </statements>
                    <judging cpu-name="Intel(R) Core(TM) i3-8100 CPU @ 3.60GHz" cpu-speed="3600" %s run-count="1" treat-points-from-checker-as-percent="true">
                        <testset name="tests">
                            <time-limit>2000</time-limit>
                            <memory-limit>268435456</memory-limit>
                            <test-count>4</test-count>
                            <input-path-pattern>tests/%%02d</input-path-pattern>
                            <answer-path-pattern>tests/%%02d.a</answer-path-pattern>
                            <tests>
                %s
                            </tests>
                %s
                        </testset>
                        <testset name="pretests"><time-limit>2000</time-limit></testset>
                    </judging>
                    <files>
                        <resources>
                            <file path="files/olymp.sty"/>
                            <file path="files/testlib.h" type="h.g++"/>
                            <file for-types="cpp.*" path="files/grader.cpp" type="cpp.g++17">
                                <assets><asset name="solution"/></assets>
                            </file>
                        </resources>
                        <executables>
                            <executable><source path="files/gen.cpp" type="cpp.g++17"/><binary path="files/gen.exe" type="exe.win32"/></executable>
                        </executables>
                    </files>
                    <assets>
                        <checker name="std::wcmp.cpp" type="testlib">
                            <source path="files/check.cpp" type="cpp.g++17"/>
                            <binary path="check.exe" type="exe.win32"/>
                            <copy path="check.cpp"/>
                        </checker>
                        <validators>
                            <validator><source path="files/val.cpp" type="cpp.g++17"/></validator>
                        </validators>
                %s
                        <solutions>
                            <solution tag="main"><source path="solutions/main.cpp" type="cpp.g++17"/></solution>
                            <solution tag="wrong-answer"><source path="solutions/wa.py" type="python.3"/></solution>
                            <solution tag="time-limit-exceeded-or-accepted"><source path="solutions/slow.java" type="java21"/></solution>
                            <solution tag="mystery"><source path="solutions/odd.cpp" type="cpp.g++17"/></solution>
                        </solutions>
                    </assets>
                    <properties><property name="tests-wellformed" value="true"/></properties>
                    <tags><tag value="math"/></tags>
                </problem>
                """.formatted(judgingAttrs, tests, groups, extraAssets);
    }

    static final String TESTS = """
                                <test method="manual" sample="true" group="0" points="0"/>
                                <test cmd="gen 1" method="generated" group="1" points="10"/>
                                <test cmd="gen 2" method="generated" group="1" points="10"/>
                                <test method="manual" group="2" points="40"/>""";
    static final String GROUPS = """
                            <groups>
                                <group feedback-policy="complete" name="0" points="0" points-policy="each-test"/>
                                <group feedback-policy="icpc" name="1" points="50" points-policy="complete-group">
                                    <dependencies><dependency group="0"/></dependencies>
                                </group>
                                <group feedback-policy="points" name="2" points-policy="each-test">
                                    <dependencies><dependency group="0"/><dependency group="1"/></dependencies>
                                </group>
                            </groups>""";

    static Pkg polygon(String judgingAttrs, String extraAssets) {
        Pkg p = new Pkg().put("problem.xml", xml(judgingAttrs, TESTS, GROUPS, extraAssets))
                .put("statements/english/problem.tex", "\\begin{problem}{Subtasks}...")
                .put("statements/.html/english/problem.html", "<html>Subtasks</html>")
                .put("statements/.pdf/english/problem.pdf", new byte[] {'%', 'P', 'D', 'F', 0})
                .put("files/olymp.sty", "% style").put("files/testlib.h", TESTLIB)
                .put("files/grader.cpp", "int solve(int);\nint main(){return solve(1);}\n")
                .put("files/gen.cpp", "int main(){}").put("files/gen.exe", new byte[] {'M', 'Z', 0})
                .put("files/check.cpp", CHECKER).put("check.cpp", CHECKER).put("check.exe", new byte[] {'M', 'Z', 0})
                .put("files/val.cpp", "#include \"testlib.h\"\nint main(){registerValidation();}\n")
                .put("solutions/main.cpp", "int solve(int x){return x;}\n")
                .put("solutions/wa.py", "print(0)\n")
                .put("solutions/slow.java", "class S { public static void main(String[] a) {} }\n")
                .put("solutions/odd.cpp", "int main(){}\n");
        for (int i = 1; i <= 4; i++) {
            p.put(String.format("tests/%02d", i), i + "\n").put(String.format("tests/%02d.a", i), (i * 2) + "\n");
        }
        return p;
    }

    @Test
    void readsAPolygonPackageWithGroupsPointsAndATestlibChecker() {
        ImportedProblem imported = Pkg.read(polygon("input-file=\"input.txt\" output-file=\"output.txt\"", ""));
        ProblemDefinition d = imported.definition();
        ImportReport r = imported.report();
        assertThat(r.format()).isEqualTo(PackageFormat.POLYGON);
        assertThat(d.name()).isEqualTo("Subtasks");
        assertThat(d.timeLimit()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.memoryLimit()).isEqualTo(ByteSize.ofMiB(256));
        assertThat(d.io()).isEqualTo(FileIo.files("input.txt", "output.txt"));
        assertThat(d.statement().format()).isEqualTo(Statement.Format.LATEX);
        assertThat(d.scoring()).isTrue();
        assertThat(d.tests()).extracting(TestCase::id).containsExactly("1", "2", "3", "4");
        assertThat(d.tests()).extracting(TestCase::hidden).containsExactly(false, true, true, true);
        assertThat(d.tests()).extracting(TestCase::weight).containsExactly(0.0, 10.0, 10.0, 40.0);
        assertThat(Pkg.text(d.tests().get(3).expectedOutput())).isEqualTo("8\n");
        assertThat(d.groups()).containsExactly(
                new TestGroup("0", 0, TestGroup.Scoring.SUM, List.of(), false),
                new TestGroup("1", 50, TestGroup.Scoring.MIN, List.of("0"), true),
                new TestGroup("2", 40, TestGroup.Scoring.SUM, List.of("0", "1"), false));

        OutputCheck.CheckerProgram checker = (OutputCheck.CheckerProgram) d.check();
        assertThat(checker.protocol()).isEqualTo(OutputCheck.Protocol.TESTLIB);
        assertThat(checker.program().sources()).containsExactly(SourceFile.main(CHECKER),
                new SourceFile("testlib.h", TESTLIB));
        assertThat(d.inputValidators()).extracting(Program::name).containsExactly("files/val.cpp");
        assertThat(d.supportFilesFor("cpp")).extracting(SourceFile::name).containsExactly("grader.cpp");
        assertThat(d.supportFilesFor("python3")).isEmpty();
        assertThat(d.submissions()).extracting(ExampleSubmission::path)
                .containsExactly("solutions/main.cpp", "solutions/wa.py", "solutions/slow.java");
        assertThat(d.submissions().get(2).expectedVerdicts()).isEqualTo(Set.of("TLE", "AC"));
        assertThat(d.submissions().get(2).program().languageId()).isEqualTo("java");

        assertEntry(r, ImportReport.Kind.IGNORED, "problem.xml", "testset pretests");
        assertEntry(r, ImportReport.Kind.UNSUPPORTED, "files/gen.cpp", "");
        assertEntry(r, ImportReport.Kind.UNSUPPORTED, "solutions/odd.cpp", "tag");
        assertEntry(r, ImportReport.Kind.IGNORED, "statements/.pdf/english/problem.pdf", "");
        assertEntry(r, ImportReport.Kind.IGNORED, "files/olymp.sty", "");
        assertEntry(r, ImportReport.Kind.IGNORED, "problem.xml", "tags");

        Submission s = d.toSubmission("cpp", List.of(SourceFile.main("int solve(int x){return x;}")));
        assertThat(s.comparator()).isEqualTo(new ComparatorSpec.Checker("cpp", checker.program().sources()));
        assertThat(s.supportFiles()).extracting(SourceFile::name).containsExactly("grader.cpp");
        assertThat(s.io()).isEqualTo(FileIo.files("input.txt", "output.txt"));
        assertThat(s.groups()).hasSize(3);
        assertThat(s.limits().cpuTime()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void readsAPolygonInteractivePackage() {
        String interactor = "#include \"testlib.h\"\nint main(int argc, char* argv[]) {"
                + " registerInteraction(argc, argv); quitf(_ok, \"ok\"); }\n";
        Pkg p = polygon("input-file=\"\" output-file=\"\"",
                "<interactor><source path=\"files/interactor.cpp\" type=\"cpp.g++17\"/></interactor>")
                .put("files/interactor.cpp", interactor);
        ProblemDefinition d = Pkg.read(p).definition();
        assertThat(d.io().isStandard()).isTrue();
        assertThat(d.interactor().protocol()).isEqualTo(Interactor.Protocol.TESTLIB);
        assertThat(d.interactor().program().sources()).containsExactly(SourceFile.main(interactor),
                new SourceFile("testlib.h", TESTLIB));
        Submission s = d.toSubmission("cpp", List.of(SourceFile.main("int main(){}")));
        assertThat(s.interactor().protocol()).isEqualTo(Interactor.Protocol.TESTLIB);
        assertThat(s.comparator()).isInstanceOf(ComparatorSpec.Checker.class);
    }

    @Test
    void aPackageWithoutPointsIsPassFail() {
        String tests = """
                <test method="manual" sample="true"/>
                <test method="manual"/><test method="manual"/><test method="manual"/>""";
        Pkg p = polygon("", "").put("problem.xml", xml("", tests, "", ""));
        ProblemDefinition d = Pkg.read(p).definition();
        assertThat(d.scoring()).isFalse();
        assertThat(d.groups()).isEmpty();
        assertThat(d.tests()).extracting(TestCase::weight).containsOnly(1.0);
        assertThat(d.stopOnFirstFailure()).isTrue();
    }

    @Test
    void refusesBrokenPolygonPackagesNamingTheFile() {
        assertRejected(polygon("", "").remove("tests/02"), "tests/02", "gen 1");
        assertRejected(polygon("", "").remove("tests/04.a"), "tests/04.a", "full package");
        assertRejected(polygon("", "").remove("files/check.cpp"), "files/check.cpp", "checker");
        assertRejected(polygon("", "").put("problem.xml", "<problem><judging>\n<testset name=\"tests\">\n</judging>"),
                "problem.xml", "line 3");
        assertRejected(polygon("", "").put("problem.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE problem ["
                + "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><problem>&x;</problem>"), "problem.xml", "DOCTYPE");
    }
}
