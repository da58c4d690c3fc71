package dev.judge.core.pipeline.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.judge.Judge;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.sandbox.Sandbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Compiler options and program arguments on a real sandbox: each reaches the compiler or the program as one
 * argument, exactly as given, with no shell in between. A sandbox module's test extends this class and supplies
 * its sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProgramArgumentsContract {

    /** Prints its arguments one per line between brackets, then what {@code GREETING} was compiled as. */
    private static final String ARGS_C = """
            #include <stdio.h>
            #ifndef GREETING
            #define GREETING "none"
            #endif
            int main(int argc, char **argv) {
                for (int i = 1; i < argc; i++) printf("[%s]\\n", argv[i]);
                printf("%s\\n", GREETING);
                return 0;
            }
            """;
    private static final String ARGS_PY = "import sys\nfor a in sys.argv[1:]:\n    print('[' + a + ']')\n";

    private Sandbox sandbox;
    private Judge judge;

    /** The sandbox under test. Called once per test class, which closes it; skip (or fail) here when it cannot run. */
    protected abstract Sandbox sandbox() throws Exception;

    @BeforeAll
    void openJudge() throws Exception {
        sandbox = sandbox();
        Languages languages = Languages.of(List.of(Languages.defaults().find("c").orElseThrow(),
                Languages.defaults().find("python3").orElseThrow()));
        judge = Judge.builder().sandbox(sandbox).languages(languages).runSlots(1).build();
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

    private static Submission submission(String language, String source, String expected, JudgeOptions options) {
        return Submission.of(language, source, List.of(TestCase.of("1", "", expected)))
                .withLimits(Limits.defaults().withCpuTime(Duration.ofSeconds(2)).withWallTime(Duration.ofSeconds(30))
                        .withMemory(ByteSize.ofMiB(128)))
                .withOptions(options);
    }

    @Test
    void argumentsReachTheProgramAsGivenWithNoShellInBetween() {
        List<String> args = List.of("two words", "$HOME", "a;b|c", "`id`", "'quoted'", "");
        SubmissionResult r = judge.judge(submission("c", ARGS_C,
                "[two words]\n[$HOME]\n[a;b|c]\n[`id`]\n['quoted']\n[]\nnone\n",
                JudgeOptions.defaults().withProgramArguments(args)));
        assertThat(r.verdict().code()).as(r.compileOutput() + r.tests()).isEqualTo("AC");

        SubmissionResult py = judge.judge(submission("python3", ARGS_PY, "[-c]\n[x y]\n",
                JudgeOptions.defaults().withProgramArguments(List.of("-c", "x y"))));
        assertThat(py.verdict().code()).as(py.compileOutput() + py.tests()).isEqualTo("AC");
    }

    @Test
    void compilerOptionsReachTheCompilerAsSeparateArguments() {
        SubmissionResult r = judge.judge(submission("c", ARGS_C, "[x]\nhello there\n", JudgeOptions.defaults()
                .withCompilerOptions(List.of("-DGREETING=\"hello there\"", "-O0"))
                .withProgramArguments(List.of("x"))));
        assertThat(r.verdict().code()).as(r.compileOutput() + r.tests()).isEqualTo("AC");

        SubmissionResult bad = judge.judge(submission("c", ARGS_C, "none\n",
                JudgeOptions.defaults().withCompilerOptions(List.of("--no-such-gcc-option"))));
        assertThat(bad.verdict().code()).isEqualTo("CE");
        assertThat(bad.compileOutput()).contains("no-such-gcc-option");
    }

    @Test
    void argumentListsAreBounded() {
        assertThatThrownBy(() -> judge.judge(submission("c", ARGS_C, "none\n",
                JudgeOptions.defaults().withCompilerOptions(List.of("x".repeat(5000))))))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("4096");
    }
}
