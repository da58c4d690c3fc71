package dev.judge.core.pipeline.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.CountingSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Interactive problems judged on a real sandbox: C and C++ interactors and programs, compiled by the judge, talk
 * through the sandbox's pair run, and each verdict rule of the pipeline's interactive judging (the Kattis and
 * testlib protocols, who wins when both misbehave, deadlocks, the interactor's own failures, multi-pass) comes
 * out as the rules say. A sandbox module's test extends this class and supplies its sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InteractiveContract {

    /**
     * A guessing game, Kattis protocol: the input file holds the secret number in [1, 1000000] and, optionally, a
     * score for {@code score.txt}. Each guess is answered {@code lower}, {@code higher} or {@code correct}; more
     * than 20 guesses, or none, is a wrong answer.
     */
    static final String GUESS_INTERACTOR = """
            #include <stdio.h>
            int main(int argc, char **argv) {
                if (argc != 4) return 1;
                FILE *in = fopen(argv[1], "r");
                long secret; char score[64] = "";
                if (!in || fscanf(in, "%ld %63s", &secret, score) < 1) return 1;
                char path[4096];
                for (int guesses = 1; guesses <= 20; guesses++) {
                    long g;
                    if (scanf("%ld", &g) != 1) {
                        snprintf(path, sizeof path, "%sjudgemessage.txt", argv[3]);
                        FILE *m = fopen(path, "w"); fprintf(m, "no guess after %d\\n", guesses - 1); fclose(m);
                        return 43;
                    }
                    if (g == secret) {
                        printf("correct\\n"); fflush(stdout);
                        if (score[0]) {
                            snprintf(path, sizeof path, "%sscore.txt", argv[3]);
                            FILE *s = fopen(path, "w"); fprintf(s, "%s\\n", score); fclose(s);
                        }
                        snprintf(path, sizeof path, "%steammessage.txt", argv[3]);
                        FILE *t = fopen(path, "w"); fprintf(t, "found in %d\\n", guesses); fclose(t);
                        return 42;
                    }
                    printf(g < secret ? "higher\\n" : "lower\\n"); fflush(stdout);
                }
                snprintf(path, sizeof path, "%sjudgemessage.txt", argv[3]);
                FILE *m = fopen(path, "w"); fprintf(m, "too many guesses\\n"); fclose(m);
                return 43;
            }
            """;

    /** Binary search; {@code AFTER} runs once it is told {@code correct}. */
    static final String BINARY_SEARCH = """
            #include <stdio.h>
            #include <string.h>
            int main(void) {
                long lo = 1, hi = 1000000; char reply[32];
                while (lo <= hi) {
                    long mid = (lo + hi) / 2;
                    printf("%ld\\n", mid); fflush(stdout);
                    if (scanf("%31s", reply) != 1) return 0;
                    if (strcmp(reply, "correct") == 0) break;
                    if (strcmp(reply, "higher") == 0) lo = mid + 1; else hi = mid - 1;
                }
                AFTER
                return 0;
            }
            """;

    /** Guesses 1, 2, 3, ...: more than 20 guesses; {@code ON_EOF} runs when the interactor has hung up. */
    static final String LINEAR_SEARCH = """
            #include <stdio.h>
            #include <string.h>
            int main(void) {
                char reply[32];
                for (long g = 1;; g++) {
                    printf("%ld\\n", g); fflush(stdout);
                    if (scanf("%31s", reply) != 1) break;
                    if (strcmp(reply, "correct") == 0) return 0;
                }
                ON_EOF
                return 0;
            }
            """;

    private CountingSandbox sandbox;
    private Judge judge;

    /** The sandbox under test. Called once per test class, which closes it; skip (or fail) here when it cannot run. */
    protected abstract Sandbox sandbox() throws Exception;

    @BeforeAll
    void openJudge() throws Exception {
        sandbox = new CountingSandbox(sandbox());
        Languages languages = Languages.of(List.of(Languages.defaults().find("c").orElseThrow(),
                Languages.defaults().find("cpp").orElseThrow()));
        // Short checker limits, so that an interactor that spins fails in seconds.
        judge = Judge.builder().sandbox(sandbox).languages(languages).runSlots(2)
                .checkerLimits(Limits.defaults().withCpuTime(Duration.ofSeconds(2)).withWallTime(Duration.ofSeconds(8))
                        .withMemory(ByteSize.ofMiB(256)))
                .build();
    }

    @AfterAll
    void closeJudge() throws Exception {
        if (judge != null) {
            judge.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static final Limits LIMITS = Limits.defaults().withCpuTime(Duration.ofSeconds(1))
            .withWallTime(Duration.ofSeconds(20)).withMemory(ByteSize.ofMiB(128));

    static TestCase test(String id, String input) {
        return new TestCase(id, input.getBytes(StandardCharsets.UTF_8), null, 1, null, false);
    }

    static TestCase test(String id, String input, String answer, double weight) {
        return new TestCase(id, input.getBytes(StandardCharsets.UTF_8), answer.getBytes(StandardCharsets.UTF_8),
                weight, null, false);
    }

    static Submission kattis(String program, String interactor, TestCase... tests) {
        return Submission.of("c", program, List.of(tests)).withLimits(LIMITS)
                .withInteractor(Interactor.of("c", interactor, Interactor.Protocol.KATTIS));
    }

    private SubmissionResult judge(Submission s) {
        return judge.judge(s);
    }

    private static String codes(SubmissionResult r) {
        return String.join(" ", r.tests().stream().map(t -> t.verdict().code()).toList());
    }

    private static String describe(SubmissionResult r) {
        return r.compileOutput() + r.tests();
    }

    @Test
    void aBinarySearchIsAcceptedWithTheTeamMessage() {
        SubmissionResult r = judge(kattis(BINARY_SEARCH.replace("AFTER", ""), GUESS_INTERACTOR,
                test("1", "1\n"), test("2", "777777\n"), test("3", "1000000\n")));
        assertThat(codes(r)).as(describe(r)).isEqualTo("AC AC AC");
        assertThat(r.tests().get(0).checkerMessage()).contains("found in");
        assertThat(r.score()).isEqualTo(3);
    }

    @Test
    void tooManyGuessesIsAWrongAnswerWithTheJudgeMessage() {
        SubmissionResult r = judge(kattis(LINEAR_SEARCH.replace("ON_EOF", ""), GUESS_INTERACTOR,
                test("1", "500\n"), test("2", "5\n")));
        assertThat(codes(r)).as(describe(r)).isEqualTo("WA AC");
        assertThat(r.tests().get(0).checkerMessage()).contains("too many guesses");
    }

    @Test
    void theInteractorsWrongAnswerWinsOverTheCrashOrTimeLimitThatFollowsIt() {
        // After the interactor hangs up, one program writes into the closed pipe until SIGPIPE kills it, the
        // other crashes on purpose: both followed the interactor's rejection.
        String brokenPipe = LINEAR_SEARCH.replace("ON_EOF", "for (;;) { printf(\"1\\n\"); fflush(stdout); }");
        // It crashes a moment after the end of file: two ends microseconds apart have no order a loaded host can
        // observe, and this program's crash follows the rejection by construction.
        String abort = LINEAR_SEARCH.replace("#include <stdio.h>", "#include <stdio.h>\n#include <unistd.h>")
                .replace("ON_EOF", "{ usleep(200000); volatile int *p = 0; *p = 1; }");
        SubmissionResult piped = judge(kattis(brokenPipe, GUESS_INTERACTOR, test("1", "500\n")));
        SubmissionResult crashed = judge(kattis(abort, GUESS_INTERACTOR, test("1", "500\n")));
        // A third ignores the end of file and spins into its CPU limit, long after the rejection.
        String spins = LINEAR_SEARCH.replace("ON_EOF", "{ volatile unsigned long i = 0; for (;;) i++; }");
        SubmissionResult late = judge(kattis(spins, GUESS_INTERACTOR, test("1", "500\n")));
        assertThat(codes(late)).as(describe(late)).isEqualTo("WA");
        assertThat(codes(piped)).as(describe(piped)).isEqualTo("WA");
        assertThat(codes(crashed)).as(describe(crashed)).isEqualTo("WA");
        assertThat(crashed.tests().get(0).signal()).as("the program did crash").isEqualTo(11);
    }

    @Test
    void theProgramsCrashCountsWhenTheInteractorAccepted() {
        SubmissionResult r = judge(kattis(BINARY_SEARCH.replace("AFTER", "return 3;"), GUESS_INTERACTOR,
                test("1", "4242\n")));
        assertThat(r.tests().get(0).verdict()).as(describe(r)).isEqualTo(Verdict.RuntimeError.exit(3));
    }

    @Test
    void aProgramThatEndsFirstIsJudgedOnItsOwnFailureElseOnTheInteractorsRejection() {
        // Quits without a word: the interactor then rejects, after the program ended: WA.
        SubmissionResult quits = judge(kattis("int main(void) { return 0; }", GUESS_INTERACTOR, test("1", "7\n")));
        assertThat(codes(quits)).as(describe(quits)).isEqualTo("WA");
        assertThat(quits.tests().get(0).checkerMessage()).contains("no guess after 0");
        // Crashes first: the interactor's rejection that follows does not hide it.
        SubmissionResult crashes = judge(kattis("int main(void) { return 5; }", GUESS_INTERACTOR, test("1", "7\n")));
        assertThat(crashes.tests().get(0).verdict()).as(describe(crashes)).isEqualTo(Verdict.RuntimeError.exit(5));
        // Spins before its first guess: CPU time limit, though the interactor rejects the silence after.
        SubmissionResult spins = judge(kattis("int main(void) { volatile unsigned long i = 0; for (;;) i++; }",
                GUESS_INTERACTOR, test("1", "7\n")));
        assertThat(codes(spins)).as(describe(spins)).isEqualTo("TLE");
        assertThat(spins.tests().get(0).verdict()).isEqualTo(Verdict.CPU_TIME_LIMIT);
    }

    /**
     * When one command's end makes its partner end (end of file, then a verdict or a crash), the two ends are
     * microseconds apart; the sandbox must still see them in that order every time, whatever the load: twenty
     * programs that crash before a word (RE each) and twenty that crash on the end of file after the interactor's
     * rejection (WA each).
     */
    @Test
    void anEndCausedByThePartnersEndIsAlwaysSeenSecond() {
        TestCase[] tests = new TestCase[20];
        for (int i = 0; i < tests.length; i++) {
            tests[i] = test(String.valueOf(i + 1), "7\n");
        }
        String crashesAfterRejection = """
                #include <stdio.h>
                int main(void) {
                    char reply[32];
                    for (;;) { printf("1\\n"); fflush(stdout); if (scanf("%31s", reply) != 1) return 5; }
                }
                """;
        SubmissionResult first = judge(kattis("int main(void) { return 5; }", GUESS_INTERACTOR, tests));
        SubmissionResult second = judge(kattis(crashesAfterRejection, GUESS_INTERACTOR, tests));
        assertThat(first.tests()).as(describe(first))
                .allMatch(t -> t.verdict().equals(Verdict.RuntimeError.exit(5)));
        assertThat(codes(second)).as(describe(second)).isEqualTo(String.join(" ", Collections.nCopies(20, "WA")));
    }

    @Test
    void aDeadlockEndsAsTimeLimitByWallTime() {
        // Both wait to read: the program for a question, the interactor for a guess.
        String waits = """
                #include <stdio.h>
                int main(void) { char s[32]; if (scanf("%31s", s) == 1) puts(s); return 0; }
                """;
        Submission s = kattis(waits, GUESS_INTERACTOR, test("1", "7\n"))
                .withLimits(LIMITS.withWallTime(Duration.ofSeconds(2)));
        SubmissionResult r = judge(s);
        assertThat(r.tests().get(0).verdict()).as(describe(r)).isEqualTo(Verdict.WALL_TIME_LIMIT);
        assertThat(r.tests().get(0).cpuTime()).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void theInteractorsOwnFailureIsAJudgeErrorNeverChargedToTheProgram() {
        String crashes = GUESS_INTERACTOR.replace("long g;", "long g; { volatile int *p = 0; *p = 1; }");
        String exitsZero = GUESS_INTERACTOR.replace("return 42;", "return 0;");
        String spins = GUESS_INTERACTOR.replace("long g;", "long g; { volatile unsigned long i = 0; for (;;) i++; }");
        String search = BINARY_SEARCH.replace("AFTER", "");
        for (String interactor : List.of(crashes, exitsZero, spins)) {
            SubmissionResult r = judge(kattis(search, interactor, test("1", "3\n")));
            assertThat(r.tests().get(0).verdict()).as(describe(r)).isInstanceOf(Verdict.InternalError.class);
        }
        // The program broke too (it spins): still a judge error, as the interactor failed.
        SubmissionResult both = judge(kattis("int main(void) { volatile unsigned long i = 0; for (;;) i++; }",
                spins, test("1", "3\n")));
        assertThat(both.tests().get(0).verdict()).as(describe(both)).isInstanceOf(Verdict.InternalError.class);
    }

    @Test
    void cpuTimeIsTheProgramsAlone() {
        // The interactor burns a few tenths of a second of CPU before it answers; the program only waits.
        String busy = GUESS_INTERACTOR.replace("char path[4096];",
                "char path[4096]; { volatile unsigned long i = 0; while (i < 300000000UL) i++; }");
        SubmissionResult r = judge(kattis(BINARY_SEARCH.replace("AFTER", ""), busy, test("1", "99\n")));
        assertThat(codes(r)).as(describe(r)).isEqualTo("AC");
        assertThat(r.tests().get(0).cpuTime()).isLessThan(Duration.ofMillis(150));
    }

    @Test
    void aKattisScoreIsTheTestsShareOfItsWeight() {
        Submission s = kattis(BINARY_SEARCH.replace("AFTER", ""), GUESS_INTERACTOR,
                test("three", "10 3", "", 4), test("four", "10 4", "", 4), test("bad", "10 x", "", 4));
        SubmissionResult r = judge(s);
        assertThat(r.tests().stream().map(TestResult::score).toList()).as(describe(r)).containsExactly(3.0, 4.0, 0.0);
        assertThat(codes(r)).isEqualTo("WA AC IE");
    }

    /**
     * testlib's protocol without testlib.h: exit 0 ok, 1 wrong answer, 3 FAIL, the outcome line on stderr. It
     * writes the number of guesses and the found number to {@code tout}; the input holds the secret.
     */
    static final String TESTLIB_INTERACTOR = """
            #include <cstdio>
            #include <fstream>
            #include <iostream>
            int main(int argc, char **argv) {
                if (argc < 3) return 3;
                std::ifstream in(argv[1]);
                long secret;
                if (!(in >> secret)) { std::cerr << "FAIL no secret\\n"; return 3; }
                if (secret <= 0) { std::cerr << "FAIL bad secret\\n"; return 3; }
                std::ofstream tout(argv[2]);
                for (int guesses = 1; guesses <= 20; guesses++) {
                    long g;
                    if (!(std::cin >> g)) { std::cerr << "wrong answer no guess\\n"; return 1; }
                    if (g == secret) {
                        std::cout << "correct" << std::endl;
                        tout << guesses << " " << g << std::endl;
                        std::cerr << "ok found\\n";
                        return 0;
                    }
                    std::cout << (g < secret ? "higher" : "lower") << std::endl;
                }
                std::cerr << "wrong answer too many guesses\\n";
                return 1;
            }
            """;

    /** A testlib-protocol checker: tout's guess count must be at most the answer's number. */
    static final String GUESS_COUNT_CHECKER = """
            #include <stdio.h>
            int main(int argc, char **argv) {
                FILE *out = fopen(argv[2], "r"), *ans = fopen(argv[3], "r");
                long guesses, found, most;
                if (!ans || fscanf(ans, "%ld", &most) != 1) { fprintf(stderr, "no answer\\n"); return 3; }
                if (!out || fscanf(out, "%ld %ld", &guesses, &found) != 2) { fprintf(stderr, "no tout\\n"); return 3; }
                if (guesses > most) { fprintf(stderr, "%ld guesses, more than %ld\\n", guesses, most); return 1; }
                fprintf(stderr, "%ld guesses\\n", guesses);
                return 0;
            }
            """;

    @Test
    void aTestlibInteractorsToutIsCheckedByTheProblemsChecker() {
        Submission s = Submission.of("c", BINARY_SEARCH.replace("AFTER", ""), List.of(
                        test("enough", "500000\n", "20\n", 1), test("fewer", "1\n", "3\n", 1),
                        test("fail", "-1\n", "20\n", 1)))
                .withLimits(LIMITS)
                .withComparator(new ComparatorSpec.Checker("c", List.of(SourceFile.main(GUESS_COUNT_CHECKER))))
                .withInteractor(Interactor.of("cpp", TESTLIB_INTERACTOR, Interactor.Protocol.TESTLIB));
        SubmissionResult r = judge(s);
        assertThat(codes(r)).as(describe(r)).isEqualTo("AC WA IE");
        assertThat(r.tests().get(0).checkerMessage()).contains("1 guesses");
        assertThat(r.tests().get(1).checkerMessage()).contains("more than 3");
    }

    @Test
    void withoutACheckerTheTestlibInteractorsVerdictStands() {
        Submission s = Submission.of("c", LINEAR_SEARCH.replace("ON_EOF", ""), List.of(
                        test("near", "3\n", "", 1), test("far", "300\n", "", 1)))
                .withLimits(LIMITS)
                .withInteractor(Interactor.of("cpp", TESTLIB_INTERACTOR, Interactor.Protocol.TESTLIB));
        SubmissionResult r = judge(s);
        assertThat(codes(r)).as(describe(r)).isEqualTo("AC WA");
        assertThat(r.tests().get(1).checkerMessage()).contains("too many guesses");
    }

    /**
     * Three passes, Kattis multi-pass: the input is "pass value"; the program must answer the double. Before the
     * last pass the interactor writes {@code nextpass.in} with the doubled value, and appends to
     * {@code log.txt} in the feedback dir, which the last pass checks for the earlier passes' lines.
     */
    static final String MULTI_PASS_INTERACTOR = """
            #include <stdio.h>
            #include <string.h>
            int main(int argc, char **argv) {
                FILE *in = fopen(argv[1], "r");
                int pass; long value, reply;
                if (!in || fscanf(in, "%d %ld", &pass, &value) != 2) return 1;
                char path[4096], msg[4096];
                printf("%ld\\n", value); fflush(stdout);
                snprintf(msg, sizeof msg, "%sjudgemessage.txt", argv[3]);
                if (scanf("%ld", &reply) != 1 || reply != 2 * value) {
                    FILE *m = fopen(msg, "w"); fprintf(m, "pass %d: wrong double\\n", pass); fclose(m);
                    return 43;
                }
                snprintf(path, sizeof path, "%slog.txt", argv[3]);
                if (pass < 3) {
                    FILE *log = fopen(path, "a"); fprintf(log, "pass %d\\n", pass); fclose(log);
                    snprintf(path, sizeof path, "%snextpass.in", argv[3]);
                    FILE *next = fopen(path, "w"); fprintf(next, "%d %ld\\n", pass + 1, 2 * value); fclose(next);
                    return 42;
                }
                FILE *log = fopen(path, "r"); int lines = 0; char line[64];
                while (log && fgets(line, sizeof line, log)) lines++;
                if (lines != 2) {
                    FILE *m = fopen(msg, "w"); fprintf(m, "feedback dir lost: %d lines\\n", lines); fclose(m);
                    return 43;
                }
                return 42;
            }
            """;

    static final String DOUBLER = """
            #include <stdio.h>
            int main(void) { long v; if (scanf("%ld", &v) != 1) return 1; printf("%ld\\n", v < LIMIT ? 2 * v : v); return 0; }
            """;

    private long pairRuns() {
        // Each pair run records the program's request and then the interactor's.
        return sandbox.count(r -> r.collect().contains("feedback/*"));
    }

    @Test
    void aMultiPassTestRunsEachPassWithTheFeedbackDirCarriedOver() {
        Interactor three = new Interactor("c", List.of(SourceFile.main(MULTI_PASS_INTERACTOR)),
                Interactor.Protocol.KATTIS, 3);
        Submission right = Submission.of("c", DOUBLER.replace("LIMIT", "1000000"), List.of(test("1", "1 5\n")))
                .withLimits(LIMITS).withInteractor(three);
        sandbox.reset();
        SubmissionResult r = judge(right);
        assertThat(codes(r)).as(describe(r)).isEqualTo("AC");
        assertThat(pairRuns()).isEqualTo(3);

        // Right on the first pass (5), wrong on the second (10): the first failing pass decides, no third pass.
        Submission wrong = Submission.of("c", DOUBLER.replace("LIMIT", "8"), List.of(test("1", "1 5\n")))
                .withLimits(LIMITS).withInteractor(three);
        sandbox.reset();
        SubmissionResult w = judge(wrong);
        assertThat(codes(w)).as(describe(w)).isEqualTo("WA");
        assertThat(w.tests().get(0).checkerMessage()).contains("pass 2");
        assertThat(pairRuns()).isEqualTo(2);

        // Asking for a third pass when the problem has two is the interactor's failure.
        Submission twoPasses = right.withInteractor(new Interactor("c", List.of(SourceFile.main(MULTI_PASS_INTERACTOR)),
                Interactor.Protocol.KATTIS, 2));
        SubmissionResult j = judge(twoPasses);
        assertThat(j.tests().get(0).verdict()).as(describe(j)).isInstanceOf(Verdict.InternalError.class);
    }
}
