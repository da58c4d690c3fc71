package dev.judge.core.judge;

import static dev.judge.core.testsupport.FakeSandbox.exited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.testsupport.FakeSandbox;
import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input is refused with an exception naming the field, before any work starts. */
class ValidationTest {
    private static final byte[] MALFORMED = {'o', 'k', (byte) 0xC3, '('};
    private Judge judge;
    private FakeSandbox sandbox;
    private final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void build() {
        sandbox = new FakeSandbox(this::answer);
        judge = Judge.builder().sandbox(sandbox)
                .maxSourceSize(ByteSize.ofKiB(1)).maxTests(3).maxTestData(ByteSize.ofKiB(4)).maxStdin(ByteSize.ofKiB(2))
                .build();
    }

    private SandboxResult answer(SandboxRequest r) {
        if (r.command().get(0).equals("rustc")) {
            return FakeSandbox.result(Termination.EXITED, 127, 0, "", "rustc: command not found", Duration.ZERO);
        }
        if (r.command().contains("--version") || r.command().contains("-dumpfullversion")
                || r.command().contains("-version")) {
            return exited(0, "1.0\n");
        }
        runs.incrementAndGet();
        return r.collect().isEmpty() ? exited(0, "3\n") : FakeSandbox.compiled(r);
    }

    @AfterEach
    void close() {
        judge.close();
    }

    private static void assertField(ThrowingCallable call, String field, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidSubmissionException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            for (String part : messageParts) {
                assertThat(e.getMessage()).contains(part);
            }
        });
    }

    private static Submission ok() {
        return Submission.of("c", "int main(){}", List.of(TestCase.of("1", "1 2\n", "3\n")));
    }

    @Test
    void languages() {
        assertField(() -> judge.judge(new Submission("cobol", ok().sources(), ok().tests(), Limits.defaults(),
                ComparatorSpec.lines(), JudgeOptions.defaults())), "languageId", "unknown language 'cobol'", "cpp");
        assertField(() -> judge.judge(Submission.of("rust", "fn main(){}", ok().tests())), "languageId",
                "unavailable", "rustc");
        assertField(() -> judge.judge(ok().withComparator(new ComparatorSpec.Checker("nope",
                List.of(SourceFile.main("x"))))), "comparator.languageId");
    }

    @Test
    void sources() {
        assertField(() -> judge.judge(Submission.of("c", " \n", ok().tests())), "sources[0].content", "empty");
        assertField(() -> judge.judge(Submission.of("c", "x".repeat(1025), ok().tests())), "sources", "1KiB");
        assertField(() -> judge.judge(Submission.of("c", "int \uD800 main", ok().tests())), "sources[0].content");
        assertField(() -> judge.judge(ok().withComparator(new ComparatorSpec.Checker("cpp",
                List.of(SourceFile.main("y".repeat(2000)))))), "comparator.sources");
        assertField(() -> judge.judge(ok().withComparator(new ComparatorSpec.Checker("python3",
                List.of(SourceFile.main("x"), new SourceFile("answer.txt", "y"))))), "comparator.sources", "reserved");
    }

    @Test
    void limitsOverTheJudgesCaps() {
        assertField(() -> judge.judge(ok().withLimits(Limits.defaults().withCpuTime(Duration.ofMinutes(1)))),
                "limits.cpuTime");
        assertField(() -> judge.judge(ok().withLimits(Limits.defaults().withWallTime(Duration.ofMinutes(5)))),
                "limits.wallTime");
        assertField(() -> judge.judge(ok().withLimits(Limits.defaults().withMemory(ByteSize.ofGiB(4)))),
                "limits.memory");
        assertField(() -> judge.judge(ok().withLimits(Limits.defaults().withProcesses(1000))), "limits.processes");
        assertField(() -> judge.judge(ok().withLimits(Limits.defaults().withNetwork(true))), "limits.network");
    }

    @Test
    void tests() {
        List<TestCase> four = List.of(TestCase.of("1", "", ""), TestCase.of("2", "", ""), TestCase.of("3", "", ""),
                TestCase.of("4", "", ""));
        assertField(() -> judge.judge(ok().withTests(four)), "tests", "at most 3");
        String big = "9".repeat(1500);
        assertField(() -> judge.judge(ok().withTests(List.of(TestCase.of("1", big, big), TestCase.of("2", big, big)))),
                "tests", "test data");
        assertField(() -> judge.judge(ok().withTests(List.of(TestCase.of("1", "1".repeat(3000), "")))),
                "tests[0].input");
        assertField(() -> judge.judge(ok().withTests(List.of(TestCase.of("1", "", ""),
                TestCase.of("2", MALFORMED, new byte[0])))), "tests[1].input", "UTF-8");
        assertField(() -> judge.judge(ok().withTests(List.of(TestCase.of("1", new byte[0], MALFORMED)))),
                "tests[0].expectedOutput", "UTF-8");
    }

    @Test
    void runArguments() {
        assertField(() -> judge.run(null, "x", "", Limits.defaults()), "languageId");
        assertField(() -> judge.run("c", null, "", Limits.defaults()), "source");
        assertField(() -> judge.run("c", "", "", Limits.defaults()), "source", "empty");
        assertField(() -> judge.run("c", "x".repeat(2048), "", Limits.defaults()), "source");
        assertField(() -> judge.run("c", "x", (String) null, Limits.defaults()), "stdin");
        assertField(() -> judge.run("c", "x", MALFORMED, Limits.defaults()), "stdin", "UTF-8");
        assertField(() -> judge.run("c", "x", new byte[3000], Limits.defaults()), "stdin");
        assertField(() -> judge.run("c", "x", "", null), "limits");
        assertField(() -> judge.run("c", "x", "", Limits.defaults().withMemory(ByteSize.ofGiB(8))), "limits.memory");
    }

    @Test
    void nullsAreTypedErrorsNotNullPointers() {
        assertField(() -> judge.judge(null), "submission");
        assertField(() -> judge.judgeAsync(null), "submission");
        assertThatThrownBy(() -> judge.submit(ok())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("job queue");
        assertThatThrownBy(() -> judge.result("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusedInputStartsNoWork() {
        assertThatThrownBy(() -> judge.judge(Submission.of("c", "int \uD800", ok().tests())))
                .isInstanceOf(InvalidSubmissionException.class);
        assertThat(runs).hasValue(0);
        assertThat(judge.judge(ok()).verdict().code()).as("the same judge still works").isEqualTo("AC");
    }

    @Test
    void theBuilderChecksItsArguments() {
        assertThatThrownBy(() -> Judge.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sandbox");
        assertThatThrownBy(() -> Judge.builder().sandbox(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sandbox");
        assertThatThrownBy(() -> Judge.builder().runSlots(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runSlots");
        assertThatThrownBy(() -> Judge.builder().queueCapacity(-1)).hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> Judge.builder().cacheSize(null)).hasMessageContaining("cacheSize");
        assertThatThrownBy(() -> Judge.builder().maxSourceSize(ByteSize.ZERO)).hasMessageContaining("maxSourceSize");
        assertThatThrownBy(() -> Judge.builder().languages(null)).hasMessageContaining("languages");
    }

    @Test
    void aClosedJudgeSaysSo() {
        judge.close();
        assertThatThrownBy(() -> judge.judge(ok())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
