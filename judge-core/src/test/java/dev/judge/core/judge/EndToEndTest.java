package dev.judge.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.RunResult;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.testsupport.ProcessSandbox;
import dev.judge.core.testsupport.RequiredParts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real compilers and interpreters, run by the plain process sandbox of the tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    static final Map<String, String> A_PLUS_B = Map.of(
            "c", """
                    #include <stdio.h>
                    int main(void) { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 1; printf("%ld\\n", a + b); return 0; }
                    """,
            "cpp", """
                    #include <iostream>
                    int main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }
                    """,
            "java", """
                    import java.util.Scanner;
                    public class Main {
                        public static void main(String[] args) {
                            Scanner in = new Scanner(System.in);
                            System.out.println(in.nextLong() + in.nextLong());
                        }
                    }
                    """,
            "python3", """
                    a, b = map(int, input().split())
                    print(a + b)
                    """,
            "javascript", """
                    const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);
                    console.log(a + b);
                    """,
            "rust", """
                    use std::io::Read;
                    fn main() {
                        let mut s = String::new();
                        std::io::stdin().read_to_string(&mut s).unwrap();
                        let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();
                        println!("{}", v[0] + v[1]);
                    }
                    """);
    static final List<TestCase> TESTS = List.of(TestCase.of("1", "1 2\n", "3\n"), TestCase.of("2", "40 2\n", "42\n"),
            TestCase.of("3", "-5 1000000000\n", "999999995\n"));
    static final Limits LIMITS = Limits.defaults().withCpuTime(Duration.ofSeconds(2))
            .withWallTime(Duration.ofSeconds(10));

    private ProcessSandbox sandbox;
    private Judge judge;

    @BeforeAll
    void open() {
        RequiredParts.require(ProcessSandbox.usable(), "/usr/bin/time and /usr/bin/prlimit");
        sandbox = new ProcessSandbox();
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

    private SubmissionResult judge(String language, String source, List<TestCase> tests) {
        return judge.judge(Submission.of(language, source, tests).withLimits(LIMITS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "cpp", "java", "python3", "javascript", "rust"})
    void aPlusBIsAcceptedInEveryDefaultLanguage(String language) {
        requireLanguage(language);
        SubmissionResult r = judge(language, A_PLUS_B.get(language), TESTS);
        assertThat(r.verdict()).as(r.compileOutput() + r.tests()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.score()).isEqualTo(3);
        assertThat(r.tests()).allSatisfy(t -> {
            assertThat(t.cpuTime()).isLessThan(Duration.ofSeconds(3));
            assertThat(t.wallTime()).isPositive();
            assertThat(t.peakMemory().bytes()).isPositive();
            assertThat(t.exitCode()).isZero();
        });
        assertThat(r.tests().get(1).stdout()).isEqualTo("42\n");
    }

    @Test
    void wrongAnswer() {
        requireLanguage("c");
        SubmissionResult r = judge("c", A_PLUS_B.get("c").replace("a + b", "a - b"), TESTS);
        assertThat(r.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(r.tests().get(0).stdout()).isEqualTo("-1\n");
        assertThat(r.score()).isZero();
    }

    @Test
    void compilationErrorCarriesTheCompilersMessage() {
        requireLanguage("cpp");
        SubmissionResult r = judge("cpp", "int main() { return undeclared_thing; }", TESTS);
        assertThat(r.verdict()).isEqualTo(Verdict.COMPILATION_ERROR);
        assertThat(r.compileOutput()).contains("undeclared_thing", "error");
        assertThat(r.tests()).isEmpty();
    }

    @Test
    void runtimeErrorsBySignalAndByExitCode() {
        requireLanguage("c");
        SubmissionResult segv = judge("c", """
                int main(void) { volatile int *p = 0; *p = 1; return 0; }
                """, TESTS.subList(0, 1));
        assertThat(segv.verdict()).isEqualTo(Verdict.RuntimeError.signal(11));
        SubmissionResult abort = judge("c", """
                #include <stdlib.h>
                int main(void) { abort(); }
                """, TESTS.subList(0, 1));
        assertThat(abort.verdict()).isEqualTo(Verdict.RuntimeError.signal(6));
        SubmissionResult exit = judge("c", "int main(void) { return 3; }", TESTS.subList(0, 1));
        assertThat(exit.verdict()).isEqualTo(Verdict.RuntimeError.exit(3));
        assertThat(exit.tests().get(0).exitCode()).isEqualTo(3);
        requireLanguage("python3");
        SubmissionResult raised = judge("python3", "raise ValueError('no')", TESTS.subList(0, 1));
        assertThat(raised.verdict()).isEqualTo(Verdict.RuntimeError.exit(1));
        assertThat(raised.tests().get(0).stderr()).contains("ValueError: no");
    }

    @Test
    void aCpuSpinIsTimeLimitExceeded() {
        requireLanguage("c");
        Submission spin = Submission.of("c", """
                int main(void) { volatile unsigned long x = 0; for (;;) x++; }
                """, TESTS.subList(0, 1)).withLimits(LIMITS.withCpuTime(Duration.ofSeconds(1)));
        SubmissionResult r = judge.judge(spin);
        assertThat(r.verdict()).isEqualTo(Verdict.CPU_TIME_LIMIT);
        TestResult t = r.tests().get(0);
        assertThat(t.cpuTime()).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
    }

    @Test
    void wallClockMemoryAndOutputLimits() {
        requireLanguage("c");
        Submission sleeper = Submission.of("c", """
                #include <unistd.h>
                int main(void) { sleep(30); return 0; }
                """, TESTS.subList(0, 1)).withLimits(LIMITS.withWallTime(Duration.ofSeconds(1)));
        assertThat(judge.judge(sleeper).verdict()).isEqualTo(Verdict.WALL_TIME_LIMIT);
        Submission hog = Submission.of("c", """
                #include <stdlib.h>
                int main(void) {
                    size_t n = 200u << 20;
                    volatile char *p = malloc(n);
                    for (size_t i = 0; i < n; i += 4096) p[i] = 1;
                    return 0;
                }
                """, TESTS.subList(0, 1)).withLimits(LIMITS.withMemory(dev.judge.core.model.ByteSize.ofMiB(64)));
        assertThat(judge.judge(hog).verdict()).isEqualTo(Verdict.MEMORY_LIMIT);
        Submission flood = Submission.of("c", """
                #include <stdio.h>
                int main(void) { for (;;) fputs("flood flood flood flood\\n", stdout); }
                """, TESTS.subList(0, 1)).withLimits(LIMITS.withOutputSize(dev.judge.core.model.ByteSize.ofKiB(64))
                .withFileSize(dev.judge.core.model.ByteSize.ofMiB(1)));
        SubmissionResult r = judge.judge(flood);
        assertThat(r.verdict()).as(r.compileOutput()).isEqualTo(Verdict.OUTPUT_LIMIT);
        assertThat(r.tests().get(0).stdout()).as("an excerpt, not the flood").hasSizeLessThanOrEqualTo(8 * 1024);
    }

    @Test
    void aCheckerProgramDecides() {
        requireLanguage("python3");
        requireLanguage("c");
        String checker = """
                import sys
                inp, out, ans = (open(f).read().split() for f in sys.argv[1:4])
                if out == ans:
                    sys.exit(0)
                sys.stderr.write("expected %s, found %s" % (ans, out))
                sys.exit(1)
                """;
        Submission s = Submission.of("c", A_PLUS_B.get("c").replace("printf(\"%ld\\n\", a + b)",
                "printf(\"  %ld \\n\\n\", a + (a == 40 ? 1 : 0) + b)"), TESTS).withLimits(LIMITS)
                .withComparator(new ComparatorSpec.Checker("python3", List.of(SourceFile.main(checker))));
        SubmissionResult r = judge.judge(s);
        assertThat(r.tests()).extracting(t -> t.verdict().code()).containsExactly("AC", "WA", "AC");
        assertThat(r.tests().get(1).checkerMessage()).isEqualTo("expected ['42'], found ['43']");
    }

    @Test
    void concurrentMixedSubmissionsAllFinishCorrectly() throws Exception {
        requireLanguage("c");
        requireLanguage("python3");
        Map<String, Submission> cases = Map.of(
                "AC", Submission.of("c", A_PLUS_B.get("c") + "/* mixed */", TESTS).withLimits(LIMITS),
                "WA", Submission.of("python3", "print(0)", TESTS).withLimits(LIMITS)
                        .withOptions(new dev.judge.core.model.JudgeOptions(true)),
                "CE", Submission.of("c", "int main( {", TESTS).withLimits(LIMITS),
                "RE", Submission.of("python3", "import sys; sys.exit(4)", TESTS).withLimits(LIMITS),
                "AC2", Submission.of("python3", A_PLUS_B.get("python3"), TESTS).withLimits(LIMITS));
        Map<String, java.util.concurrent.CompletableFuture<SubmissionResult>> futures = new java.util.HashMap<>();
        cases.forEach((name, s) -> futures.put(name, judge.judgeAsync(s)));
        Map<String, String> verdicts = new java.util.TreeMap<>();
        for (var e : futures.entrySet()) {
            verdicts.put(e.getKey(), e.getValue().get(60, java.util.concurrent.TimeUnit.SECONDS).verdict().code());
        }
        assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(
                Map.of("AC", "AC", "WA", "WA", "CE", "CE", "RE", "RE", "AC2", "AC"));
        assertThat(futures.get("WA").get().tests()).extracting(t -> t.verdict().code())
                .containsExactly("WA", "SK", "SK");
    }

    @Test
    void runsOneProgramOnCustomInput() {
        requireLanguage("python3");
        RunResult r = judge.run("python3", "import sys\nprint(sys.stdin.read().upper(), end='')", "hello", LIMITS);
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.stdout()).isEqualTo("HELLO");
        requireLanguage("c");
        RunResult ce = judge.run("c", "int main( {", "", LIMITS);
        assertThat(ce.verdict()).isEqualTo(Verdict.COMPILATION_ERROR);
        assertThat(ce.compileOutput()).contains("error");
    }
}
