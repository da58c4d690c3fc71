package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.judge.Judge;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.Sandbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Whole submissions through the core judge on the Docker sandbox: compile once, run, compare. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerJudgeTest {
    private Sandbox sandbox;
    private Judge judge;

    private static final List<TestCase> SUMS = List.of(TestCase.of("1", "1 2\n", "3\n"), TestCase.of("2", "40 2\n", "42\n"));

    @BeforeAll
    void open() {
        sandbox = TestSandboxes.create(2);
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

    private SubmissionResult judge(String language, String source) {
        return judge.judge(Submission.of(language, source, SUMS)
                // A wall limit far above the CPU limit: on a loaded machine a CPU-bound loop still ends on CPU time.
                .withLimits(Limits.defaults().withCpuTime(Duration.ofSeconds(1)).withWallTime(Duration.ofSeconds(30))
                        .withMemory(ByteSize.ofMiB(128))));
    }

    @Test
    void acceptsCorrectCAndJava() {
        SubmissionResult c = judge("c", "#include <stdio.h>\nint main(){long a,b;scanf(\"%ld %ld\",&a,&b);printf(\"%ld\\n\",a+b);}\n");
        assertThat(c.verdict()).as(c.compileOutput() + c.tests()).isInstanceOf(Verdict.Accepted.class);
        SubmissionResult java = judge("java", "import java.util.*; public class Main { public static void main(String[] x) {"
                + " Scanner s = new Scanner(System.in); System.out.println(s.nextLong() + s.nextLong()); } }");
        assertThat(java.verdict()).as(java.compileOutput() + java.tests()).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void judgesWrongAnswerTimeAndMemory() {
        assertThat(judge("python3", "a, b = map(int, input().split())\nprint(a - b)\n").verdict())
                .isInstanceOf(Verdict.WrongAnswer.class);
        assertThat(judge("c", "int main(){for(;;);}\n").verdict())
                .isEqualTo(new Verdict.TimeLimitExceeded(Verdict.Clock.CPU));
        assertThat(judge("python3", "x = bytearray(512 * 1024 * 1024)\n").verdict())
                .isInstanceOf(Verdict.MemoryLimitExceeded.class);
    }
}
