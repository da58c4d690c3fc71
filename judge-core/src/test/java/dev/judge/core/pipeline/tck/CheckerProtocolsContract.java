package dev.judge.core.pipeline.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.Sandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Checker programs of both protocols judged on a real sandbox. The submission, a C program compiled by the
 * judge, copies its input to its output, so each test's input is what the checker reads as the program's answer.
 * The checkers are C programs compiled by the judge too: one reports exactly as {@code testlib.h}'s
 * {@code quit} does (the outcome line on stderr, or with {@code result -appes} the XML result file and
 * "See file to check exit message"), the other is a Kattis output validator (exit 42/43, feedback files,
 * {@code score.txt}, its flags). A sandbox module's test extends this class and supplies its sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CheckerProtocolsContract {

    private static final String ECHO = """
            #include <stdio.h>
            int main(void) {
                char buf[4096];
                size_t n;
                while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) fwrite(buf, 1, n, stdout);
                return 0;
            }
            """;

    /**
     * Compares the program's output with the answer word for word. When they differ, the output's first word
     * says how testlib would end: {@code pe}, {@code dirt}, {@code eof} (a build with ENABLE_UNEXPECTED_EOF),
     * {@code fail}, {@code points X} ({@code quitp(double)}), {@code pc N} ({@code quitf(_pc(N))}); anything
     * else is a wrong answer. It writes its report as testlib does: to the result file when called with one
     * (unless built as {@code IGNORE_RESULT_FILE}, as testlib under EJUDGE ignores it), else to stderr after a
     * line of its own chatter.
     */
    private static final String TESTLIB_STYLE = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #define IGNORE_RESULT_FILE 0
            static const char *result_file;
            static int appes;

            static char *slurp(const char *path) {
                FILE *f = fopen(path, "rb");
                if (!f) { fprintf(stderr, "FAIL cannot open %s\\n", path); exit(3); }
                static char bufs[3][65536];
                static int next;
                char *b = bufs[next++];
                size_t n = fread(b, 1, 65535, f);
                b[n] = 0;
                fclose(f);
                return b;
            }

            /* What testlib's InStream::quit writes for one outcome, then its exit. */
            static void quit(int code, const char *name, const char *xml_outcome, const char *attrs, const char *msg) {
                if (result_file) {
                    FILE *f = fopen(result_file, "w");
                    if (appes) {
                        fprintf(f, "<?xml version=\\"1.0\\" encoding=\\"windows-1251\\"?>");
                        fprintf(f, "<result outcome = \\"%s\\"%s>", xml_outcome, attrs);
                        for (const char *p = msg; *p; p++) {
                            if (*p == '&') fputs("&amp;", f);
                            else if (*p == '<') fputs("&lt;", f);
                            else if (*p == '>') fputs("&gt;", f);
                            else if (*p == '"') fputs("&quot;", f);
                            else fputc(*p, f);
                        }
                        fputs("</result>\\n", f);
                    } else {
                        fputs(msg, f);
                    }
                    fclose(f);
                    fputs("\\nSee file to check exit message\\n", stderr);
                } else {
                    fprintf(stderr, "%s%s\\n", name, msg);
                }
                exit(code);
            }

            /* quitp's "%.10f" with testlib's removeDoubleTrailingZeroes. */
            static void points_text(double points, char *out) {
                sprintf(out, "%.10f", points);
                size_t n = strlen(out);
                while (n > 0 && out[n - 1] == '0') out[--n] = 0;
                out[n++] = '0';
                out[n] = 0;
            }

            int main(int argc, char **argv) {
                if (argc < 4) return 3;
                if (!IGNORE_RESULT_FILE && argc >= 5) result_file = argv[4];
                if (!IGNORE_RESULT_FILE && argc == 6) appes = strcmp(argv[5], "-appes") == 0;
                slurp(argv[1]);
                char *out = slurp(argv[2]);
                char *ans = slurp(argv[3]);
                if (!result_file) fputs("checking the output\\n", stderr);
                char ow[256] = "", aw[256] = "";
                sscanf(out, "%255s", ow);
                sscanf(ans, "%255s", aw);
                char msg[1024];
                char o[4096], a[4096];
                int n = 0, same = 1;
                for (char *po = out, *pa = ans;; n++) {
                    int ro, ra, co = sscanf(po, "%4095s%n", o, &ro), ca = sscanf(pa, "%4095s%n", a, &ra);
                    if (co != 1 || ca != 1) { same = co == ca; break; }
                    if (strcmp(o, a) != 0) { same = 0; break; }
                    po += ro;
                    pa += ra;
                }
                if (same) {
                    snprintf(msg, sizeof msg, "%d tokens", n);
                    quit(0, "ok ", "accepted", "", msg);
                }
                if (!strcmp(ow, "pe")) quit(2, "wrong output format ", "presentation-error", "", "Expected EOLN");
                if (!strcmp(ow, "dirt"))
                    quit(2, "wrong output format ", "presentation-error", "", "Extra information in the output file");
                if (!strcmp(ow, "eof"))
                    quit(8, "unexpected eof ", "unexpected-eof", "", "Unexpected end of file - int32 expected");
                if (!strcmp(ow, "fail")) quit(3, "FAIL ", "fail", "", "the answer file says <fail> & \\"more\\"");
                if (!strcmp(ow, "points")) {
                    char p[64], attr[96];
                    points_text(atof(out + strlen("points ")), p);
                    snprintf(msg, sizeof msg, "%s partial answer", p);
                    snprintf(attr, sizeof attr, " points = \\"%s\\"", p);
                    quit(7, "points ", "points", attr, msg);
                }
                if (!strcmp(ow, "pc")) {
                    int pc = atoi(out + strlen("pc "));
                    char name[64], attr[64];
                    snprintf(name, sizeof name, "partially correct (%d) ", pc);
                    snprintf(attr, sizeof attr, " pctype = \\"%d\\"", pc);
                    quit(pc, name, "partially-correct", attr, "some of it");
                }
                snprintf(msg, sizeof msg, "expected '%s', found '%s'", aw, ow);
                quit(1, "wrong answer ", "wrong-answer", "", msg);
                return 0;
            }
            """;

    /**
     * A Kattis output validator: the answer file and the team output (stdin) hold a number each. It writes the
     * flags it got to judgemessage.txt. Without the {@code scoring} flag it accepts equal numbers (42) and
     * rejects others (43) with a team message; with it, the team's number is the test's score in score.txt.
     * A negative number makes it fail (exit 3) with a word on stderr.
     */
    private static final String KATTIS_VALIDATOR = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            static FILE *feedback(const char *dir, const char *name) {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", dir, name);
                FILE *f = fopen(path, "w");
                if (!f) { fprintf(stderr, "cannot write %s\\n", path); exit(2); }
                return f;
            }
            int main(int argc, char **argv) {
                if (argc < 4) return 2;
                FILE *a = fopen(argv[2], "r");
                long want, got;
                if (!a || fscanf(a, "%ld", &want) != 1) return 2;
                FILE *judge = feedback(argv[3], "judgemessage.txt");
                fprintf(judge, "flags:");
                int scoring = 0;
                for (int i = 4; i < argc; i++) {
                    fprintf(judge, " [%s]", argv[i]);
                    scoring |= strcmp(argv[i], "scoring") == 0;
                }
                fprintf(judge, "\\n");
                if (scanf("%ld", &got) != 1) {
                    fprintf(judge, "no number in the output\\n");
                    return 43;
                }
                if (got < 0) {
                    fprintf(stderr, "negative output %ld breaks this validator\\n", got);
                    return 3;
                }
                if (scoring) {
                    FILE *s = feedback(argv[3], "score.txt");
                    fprintf(s, "%ld\\n", got);
                    fclose(s);
                    fprintf(judge, "scored %ld\\n", got);
                    return 42;
                }
                if (got == want) {
                    fprintf(judge, "accepted %ld\\n", got);
                    return 42;
                }
                fprintf(judge, "expected %ld, got %ld\\n", want, got);
                FILE *team = feedback(argv[3], "teammessage.txt");
                fprintf(team, "off by %ld\\n", labs(got - want));
                fclose(team);
                return 43;
            }
            """;

    private Sandbox sandbox;
    private Judge judge;

    /** The sandbox under test. Called once per test class, which closes it; skip (or fail) here when it cannot run. */
    protected abstract Sandbox sandbox() throws Exception;

    @BeforeAll
    void openJudge() throws Exception {
        Languages c = Languages.of(List.of(Languages.defaults().find("c").orElseThrow()));
        sandbox = sandbox();
        judge = Judge.builder().sandbox(sandbox).languages(c).runSlots(2).build();
    }

    /** Closes the judge, then the sandbox (a judge leaves the sandbox it was given to its owner). */
    @AfterAll
    void closeJudge() {
        try {
            if (judge != null) {
                judge.close();
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    private static TestCase test(String id, String output, String answer, double weight) {
        return new TestCase(id, output.getBytes(StandardCharsets.UTF_8), answer.getBytes(StandardCharsets.UTF_8),
                weight, null, false);
    }

    private SubmissionResult judge(ComparatorSpec checker, TestCase... tests) {
        return judge.judge(Submission.of("c", ECHO, List.of(tests)).withComparator(checker)
                // A wall limit far above the CPU limit: on a loaded machine the programs still end by themselves.
                .withLimits(Limits.defaults().withCpuTime(Duration.ofSeconds(2)).withWallTime(Duration.ofSeconds(30))
                        .withMemory(ByteSize.ofMiB(128))));
    }

    private static ComparatorSpec testlib(String source) {
        return ComparatorSpec.testlibChecker("c", List.of(SourceFile.main(source)));
    }

    private static List<String> codes(SubmissionResult r) {
        return r.tests().stream().map(t -> t.verdict().code()).toList();
    }

    private static List<String> messages(SubmissionResult r) {
        return r.tests().stream().map(TestResult::checkerMessage).toList();
    }

    @Test
    void testlibOutcomesFromTheResultFile() {
        SubmissionResult r = judge(testlib(TESTLIB_STYLE),
                test("ok", "3 4\n", "3   4", 1),
                test("wa", "5\n", "3 4", 1),
                test("pe", "pe\n", "3 4", 1),
                test("dirt", "dirt\n", "3 4", 1),
                test("eof", "eof\n", "3 4", 1),
                test("fail", "fail\n", "3 4", 1),
                test("pc1", "pc 1\n", "3 4", 1));
        assertThat(codes(r)).as(r.toString()).containsExactly("AC", "WA", "PE", "PE", "PE", "IE", "WA");
        assertThat(messages(r)).containsExactly("2 tokens", "expected '3', found '5'", "Expected EOLN",
                "Extra information in the output file", "Unexpected end of file - int32 expected",
                "the answer file says <fail> & \"more\"", "some of it");
        assertThat(r.tests().get(5).verdict()).isEqualTo(
                new Verdict.InternalError("checker failed: the answer file says <fail> & \"more\""));
        // _pc(1) exits 1, as a wrong answer does: only the result file's pctype tells them apart.
        assertThat(r.tests().get(6).score()).isEqualTo(0.01);
    }

    @Test
    void testlibPointsCountInTheUnitOfTheTestsWeight() {
        SubmissionResult r = judge(testlib(TESTLIB_STYLE),
                test("half", "points 0.5\n", "1", 1),
                test("seven of ten", "points 7\n", "1", 10),
                test("all", "points 4\n", "1", 4),
                test("too many", "points 2\n", "1", 1),
                test("pc40", "pc 40\n", "1", 5));
        assertThat(codes(r)).as(r.toString()).containsExactly("WA", "WA", "AC", "IE", "WA");
        assertThat(r.tests()).extracting(TestResult::score).containsExactly(0.5, 7.0, 4.0, 0.0, 2.0);
        assertThat(messages(r).get(0)).isEqualTo("partial answer");
        assertThat(messages(r).get(3)).contains("points 2.0 are outside [0, 1]");
        assertThat(r.score()).isEqualTo(13.5);
        assertThat(r.maxScore()).isEqualTo(21.0);
    }

    @Test
    void testlibOutcomesFromStderrWhenTheCheckerIgnoresTheResultFile() {
        String ejudgeBuild = TESTLIB_STYLE.replace("#define IGNORE_RESULT_FILE 0", "#define IGNORE_RESULT_FILE 1");
        SubmissionResult r = judge(testlib(ejudgeBuild),
                test("ok", "3 4\n", "3 4", 1),
                test("wa", "5\n", "3 4", 1),
                test("eof", "eof\n", "3 4", 1),
                test("points", "points 0.25\n", "1", 1),
                test("pc1", "pc 1\n", "1", 1),
                test("fail", "fail\n", "1", 1));
        assertThat(codes(r)).as(r.toString()).containsExactly("AC", "WA", "PE", "WA", "WA", "IE");
        // The checker's own line before the outcome is not the message.
        assertThat(messages(r)).containsExactly("2 tokens", "expected '3', found '5'",
                "Unexpected end of file - int32 expected", "partial answer", "some of it",
                "the answer file says <fail> & \"more\"");
        assertThat(r.tests()).extracting(TestResult::score).containsExactly(1.0, 0.0, 0.0, 0.25, 0.01, 0.0);
    }

    @Test
    void kattisValidatorVerdictsAndMessages() {
        SubmissionResult r = judge(ComparatorSpec.kattisValidator("c", List.of(SourceFile.main(KATTIS_VALIDATOR)),
                        null),
                test("equal", "5\n", "5\n", 1),
                test("off", "7\n", "5\n", 1),
                test("broken", "-1\n", "5\n", 1),
                test("nothing", "\n", "5\n", 1));
        assertThat(codes(r)).as(r.toString()).containsExactly("AC", "WA", "IE", "WA");
        assertThat(messages(r).get(0)).isEqualTo("flags:\naccepted 5");
        assertThat(messages(r).get(1)).isEqualTo("flags:\nexpected 5, got 7\nteam message: off by 2");
        assertThat(r.tests().get(2).verdict()).isInstanceOfSatisfying(Verdict.InternalError.class,
                ie -> assertThat(ie.reason()).contains("exited with 3", "negative output -1 breaks this validator"));
        assertThat(messages(r).get(3)).isEqualTo("flags:\nno number in the output");
    }

    @Test
    void kattisValidatorFlagsAndScore() {
        SubmissionResult r = judge(ComparatorSpec.kattisValidator("c", List.of(SourceFile.main(KATTIS_VALIDATOR)),
                        "  scoring  x=1\tlast "),
                test("three of four", "3\n", "0\n", 4),
                test("full", "2\n", "0\n", 2),
                test("zero", "0\n", "0\n", 1),
                test("too much", "9\n", "0\n", 1));
        assertThat(codes(r)).as(r.toString()).containsExactly("WA", "AC", "WA", "IE");
        assertThat(messages(r).get(0)).isEqualTo("flags: [scoring] [x=1] [last]\nscored 3");
        assertThat(r.tests()).extracting(TestResult::score).containsExactly(3.0, 2.0, 0.0, 0.0);
        assertThat(r.tests().get(3).verdict()).isInstanceOfSatisfying(Verdict.InternalError.class,
                ie -> assertThat(ie.reason()).contains("score 9 is outside [0, 1.0]"));
    }
}
