package dev.judge.core.pipeline.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.Limits;
import dev.judge.core.model.RunResult;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.RequiredParts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * File I/O problems, problem-supplied support files (IOI-style graders, headers, modules, data files) and the
 * Java entry point, judged with real compilers and interpreters on a real sandbox. A sandbox module's test
 * extends this class and supplies its sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FileIoAndGradersContract {
    private static final List<TestCase> SUMS = List.of(TestCase.of("1", "1 2\n", "3\n"),
            TestCase.of("2", "40 2\n", "42\n"));
    private static final FileIo FILES = FileIo.files("input.txt", "output.txt");

    private Sandbox sandbox;
    private Judge judge;

    /** The sandbox under test; called once per class. Skip (or fail) here when it cannot run. */
    protected abstract Sandbox sandbox() throws Exception;

    @BeforeAll
    void open() throws Exception {
        sandbox = sandbox();
        judge = Judge.builder().sandbox(sandbox).runSlots(2).build();
    }

    @AfterAll
    void close() {
        if (judge != null) {
            judge.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void requireLanguage(String id) {
        LanguageInfo info = judge.languages().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
        RequiredParts.require(info.available(), "toolchain of " + id + ": " + info.reason());
    }

    private SubmissionResult judge(Submission s) {
        requireLanguage(s.languageId());
        // A wall limit far above the CPU limit: on a loaded machine the JVM still starts within it.
        return judge.judge(s.withLimits(Limits.defaults().withCpuTime(Duration.ofSeconds(5))
                .withWallTime(Duration.ofSeconds(30)).withMemory(ByteSize.ofMiB(256))));
    }

    private static Submission of(String language, String source) {
        return Submission.of(language, source, SUMS);
    }

    private static String why(SubmissionResult r) {
        return r.compileOutput() + " " + r.tests();
    }

    // ---- file I/O ----

    @Test
    void aCProgramReadsTheInputFileAndWritesTheOutputFile() {
        SubmissionResult r = judge(of("c", """
                #include <stdio.h>
                int main(void) {
                    FILE *in = fopen("input.txt", "r"), *out = fopen("output.txt", "w");
                    long a, b;
                    if (!in || !out || fscanf(in, "%ld %ld", &a, &b) != 2) return 3;
                    fprintf(out, "%ld\\n", a + b);
                    puts("only reported");
                    return 0;
                }
                """).withIo(FILES));
        assertThat(r.verdict()).as(why(r)).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.tests()).extracting(TestResult::stdout).containsOnly("only reported\n");
    }

    @Test
    void theOutputFileIsTheAnswerNotStdout() {
        SubmissionResult r = judge(of("python3", """
                a, b = map(int, open("input.txt").read().split())
                print(a + b)
                open("output.txt", "w").write(str(a - b) + "\\n")
                """).withIo(FILES));
        assertThat(r.verdict()).as(why(r)).isEqualTo(new Verdict.WrongAnswer());
    }

    @Test
    void theInputIsAlsoOnStdin() {
        SubmissionResult r = judge(of("python3", """
                import sys
                a, b = map(int, sys.stdin.read().split())
                open("output.txt", "w").write(str(a + b) + "\\n")
                """).withIo(FILES));
        assertThat(r.verdict()).as(why(r)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aMissingOutputFileIsAWrongAnswerThatSaysSo() {
        SubmissionResult r = judge(of("cpp", """
                #include <iostream>
                int main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }
                """).withIo(FILES));
        assertThat(r.verdict()).as(why(r)).isEqualTo(new Verdict.WrongAnswer());
        assertThat(r.tests()).allSatisfy(t -> {
            assertThat(t.checkerMessage()).isEqualTo("output file output.txt was not created");
            assertThat(t.stdout()).isNotBlank();
        });
    }

    @Test
    void onlyAnOutputFileWithStdinIn() {
        SubmissionResult r = judge(of("cpp", """
                #include <fstream>
                #include <iostream>
                int main() { long long a, b; std::cin >> a >> b; std::ofstream("answer.out") << a + b << "\\n"; }
                """).withIo(FileIo.files(null, "answer.out")));
        assertThat(r.verdict()).as(why(r)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aCheckerJudgesTheOutputFile() {
        String checker = """
                import sys
                out = open(sys.argv[2]).read().split()
                ans = open(sys.argv[3]).read().split()
                if out == ans:
                    sys.exit(0)
                sys.stderr.write("expected %s, got %s" % (ans, out))
                sys.exit(1)
                """;
        ComparatorSpec spec = new ComparatorSpec.Checker("python3", List.of(SourceFile.main(checker)));
        SubmissionResult ok = judge(of("python3", """
                a, b = map(int, open("input.txt").read().split())
                print("noise")
                open("output.txt", "w").write(str(a + b))
                """).withIo(FILES).withComparator(spec));
        assertThat(ok.verdict()).as(why(ok)).isEqualTo(Verdict.ACCEPTED);
        SubmissionResult wrong = judge(of("python3", """
                a, b = map(int, open("input.txt").read().split())
                print(a + b)
                open("output.txt", "w").write(str(a * b))
                """).withIo(FILES).withComparator(spec));
        assertThat(wrong.verdict()).as(why(wrong)).isEqualTo(new Verdict.WrongAnswer());
        assertThat(wrong.tests().get(1).checkerMessage()).contains("expected ['42'], got ['80']");
    }

    // ---- support files ----

    @Test
    void anIoiStyleGraderCallsTheSubmissionThroughItsHeader() {
        List<SourceFile> support = List.of(new SourceFile("problem.h", """
                #pragma once
                long long add(long long a, long long b);
                """), new SourceFile("grader.cpp", """
                #include <cstdio>
                #include "problem.h"
                int main() {
                    long long a, b;
                    if (std::scanf("%lld %lld", &a, &b) != 2) return 3;
                    std::printf("%lld\\n", add(a, b));
                }
                """));
        SubmissionResult ok = judge(of("cpp", """
                #include "problem.h"
                long long add(long long a, long long b) { return a + b; }
                """).withSupportFiles(support));
        assertThat(ok.verdict()).as(why(ok)).isEqualTo(Verdict.ACCEPTED);
        SubmissionResult wrong = judge(of("cpp", """
                #include "problem.h"
                long long add(long long a, long long b) { return a * b; }
                """).withSupportFiles(support));
        assertThat(wrong.verdict()).as(why(wrong)).isEqualTo(new Verdict.WrongAnswer());
        SubmissionResult missing = judge(of("cpp", """
                #include "problem.h"
                long long plus(long long a, long long b) { return a + b; }
                """).withSupportFiles(support));
        assertThat(missing.verdict()).as(why(missing)).isEqualTo(Verdict.COMPILATION_ERROR);
        assertThat(missing.compileOutput()).contains("add");
    }

    @Test
    void aPythonSubmissionImportsASupportModule() {
        SubmissionResult r = judge(of("python3", """
                from helper import add
                a, b = map(int, input().split())
                print(add(a, b))
                """).withSupportFiles(List.of(new SourceFile("helper.py", """
                def add(a, b):
                    return a + b
                """))));
        assertThat(r.verdict()).as(why(r)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aCProgramReadsASupportDataFileAtRunTime() {
        SubmissionResult r = judge(of("c", """
                #include <stdio.h>
                int main(void) {
                    FILE *f = fopen("offset.txt", "r");
                    long a, b, k;
                    if (!f || fscanf(f, "%ld", &k) != 1) return 3;
                    if (scanf("%ld %ld", &a, &b) != 2) return 4;
                    printf("%ld\\n", a + b + k);
                    return 0;
                }
                """).withSupportFiles(List.of(new SourceFile("offset.txt", "0\n"))));
        assertThat(r.verdict()).as(why(r)).isEqualTo(Verdict.ACCEPTED);
    }

    // ---- the Java entry point ----

    @Test
    void aJavaMainClassInAPackageIsFound() {
        SubmissionResult r = judge(of("java", """
                package a.b;

                import java.util.Scanner;

                public class Solution {
                    public static void main(String[] args) {
                        Scanner in = new Scanner(System.in);
                        System.out.println(Helper.add(in.nextLong(), in.nextLong()));
                    }
                }

                class Helper {
                    static long add(long a, long b) { return a + b; }
                }
                """));
        assertThat(r.verdict()).as(why(r)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aJavaMainClassOfAnyNameIsFound() {
        SubmissionResult r = judge(of("java", """
                import java.util.Scanner;

                class Program {
                    public static void main(String... args) {
                        Scanner in = new Scanner(System.in);
                        System.out.println(in.nextLong() + in.nextLong());
                    }
                }
                """));
        assertThat(r.verdict()).as(why(r)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void javaWithoutMainIsACompileErrorThatSaysSo() {
        SubmissionResult r = judge(of("java", """
                public class Solution {
                    static long add(long a, long b) { return a + b; }
                }
                """));
        assertThat(r.verdict()).as(why(r)).isEqualTo(Verdict.COMPILATION_ERROR);
        assertThat(r.compileOutput()).contains("public static void main(String[] args)");
        assertThat(r.tests()).isEmpty();
    }

    @Test
    void aJavaCheckerInAPackageJudgesTheOutputFile() {
        ComparatorSpec spec = new ComparatorSpec.Checker("java", List.of(SourceFile.main("""
                package checkers;
                import java.nio.file.*;
                public class Check {
                    public static void main(String[] args) throws Exception {
                        String out = Files.readString(Path.of(args[1])).strip();
                        String ans = Files.readString(Path.of(args[2])).strip();
                        if (!out.equals(ans)) {
                            System.err.println("expected " + ans + ", got " + out);
                            System.exit(1);
                        }
                    }
                }
                """)));
        SubmissionResult r = judge(of("python3", """
                a, b = map(int, open("input.txt").read().split())
                open("output.txt", "w").write(str(a + b if a < 10 else a * b))
                """).withIo(FILES).withComparator(spec));
        assertThat(r.verdict()).as(why(r)).isEqualTo(new Verdict.WrongAnswer());
        assertThat(r.tests()).extracting(t -> t.verdict().code()).containsExactly("AC", "WA");
        assertThat(r.tests().get(1).checkerMessage()).isEqualTo("expected 42, got 80");
    }

    @Test
    void aCustomRunStartsTheJavaMainClassToo() {
        requireLanguage("java");
        RunResult r = judge.run("java", """
                package a.b;
                public class Echo {
                    public static void main(String[] args) {
                        System.out.println(new java.util.Scanner(System.in).nextLine().toUpperCase());
                    }
                }
                """, "abc\n", Limits.defaults().withCpuTime(Duration.ofSeconds(5)).withWallTime(Duration.ofSeconds(30))
                .withMemory(ByteSize.ofMiB(256)));
        assertThat(r.verdict()).as(r.compileOutput() + r.stderr()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.stdout()).isEqualTo("ABC\n");
    }

    @Test
    void aJavaGraderStartsTheSubmission() {
        SubmissionResult r = judge(of("java", """
                public class Solution {
                    static long add(long a, long b) { return a + b; }
                }
                """).withSupportFiles(List.of(new SourceFile("Grader.java", """
                import java.util.Scanner;
                public class Grader {
                    public static void main(String[] args) {
                        Scanner in = new Scanner(System.in);
                        System.out.println(Solution.add(in.nextLong(), in.nextLong()));
                    }
                }
                """))));
        assertThat(r.verdict()).as(why(r)).isEqualTo(Verdict.ACCEPTED);
    }
}
