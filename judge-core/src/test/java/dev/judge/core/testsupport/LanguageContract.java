package dev.judge.core.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.Language;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every default language, judged for real through a sandbox: hello world and A+B are accepted, a source the
 * compiler (or the interpreter's check step) refuses is a compilation error carrying its message. A
 * sandbox module's test extends this class and supplies its sandbox, configured as the module's users
 * would configure it; a language whose toolchain the sandbox does not offer is skipped, or fails under
 * {@code JUDGE_REQUIRE_ALL=true} (scripts/setup-machine.sh installs them all).
 *
 * <p>The limits are a task's ordinary ones: one process and 64 MiB. Whatever a runtime needs beyond that
 * comes from its language's allowances, so the data in {@code languages.properties} is what is tested.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LanguageContract {

    private static final Limits LIMITS = Limits.defaults().withCpuTime(Duration.ofSeconds(2))
            // a wall limit far above the CPU limit: a loaded machine must not turn a start-up into TLE
            .withWallTime(Duration.ofSeconds(30)).withMemory(ByteSize.ofMiB(64));
    private static final List<TestCase> SUMS = List.of(TestCase.of("small", "1 2\n", "3\n"),
            TestCase.of("large", "4000000000 2\n", "4000000002\n"));

    private Sandbox sandbox;
    private Judge judge;

    /** The sandbox under test. Called once per test class; skip (or fail) here when it cannot run. */
    protected abstract Sandbox createSandbox() throws Exception;

    @BeforeAll
    void openJudge() throws Exception {
        sandbox = createSandbox();
        judge = Judge.builder().sandbox(sandbox).runSlots(2).build();
    }

    @AfterAll
    void closeJudge() {
        if (judge != null) {
            judge.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    static Stream<String> languages() {
        return Languages.defaults().all().stream().map(Language::id);
    }

    @Test
    void everyDefaultLanguageHasSamples() {
        assertThat(languages()).allSatisfy(id -> assertThat(LanguageSamples.of(id)).as(id).isPresent());
    }

    @ParameterizedTest
    @MethodSource("languages")
    void helloWorldIsAccepted(String language) {
        SubmissionResult r = judge(language, sample(language).hello(),
                List.of(TestCase.of("hello", "", LanguageSamples.HELLO)));
        assertThat(r.verdict()).as(r.compileOutput() + r.tests()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.tests()).singleElement().satisfies(t -> assertThat(t.stdout()).isEqualTo(LanguageSamples.HELLO));
    }

    @ParameterizedTest
    @MethodSource("languages")
    void aPlusBFromStdinIsAcceptedOnEveryTest(String language) {
        SubmissionResult r = judge(language, sample(language).aPlusB(), SUMS);
        assertThat(r.verdict()).as(r.compileOutput() + r.tests()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.tests()).extracting(t -> t.verdict().code()).containsExactly("AC", "AC");
        assertThat(r.tests().get(1).stdout()).isEqualTo("4000000002\n");
        assertThat(r.score()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("languages")
    void aRefusedSourceIsACompilationErrorWithTheCompilersMessage(String language) {
        LanguageSamples.Sample sample = sample(language);
        SubmissionResult r = judge(language, sample.compileError(), SUMS);
        assertThat(r.verdict()).as(r.compileOutput() + r.tests()).isEqualTo(Verdict.COMPILATION_ERROR);
        assertThat(r.compileOutput()).contains(sample.errorFragment());
        assertThat(r.tests()).as("no test runs after a compilation error").isEmpty();
    }

    private SubmissionResult judge(String language, String source, List<TestCase> tests) {
        LanguageInfo info = judge.languages().stream().filter(l -> l.id().equals(language)).findFirst().orElseThrow();
        RequiredParts.require(info.available(), "the " + language + " toolchain in the " + sandbox.name()
                + " sandbox (" + info.reason() + "); run scripts/setup-machine.sh");
        return judge.judge(Submission.of(language, source, tests).withLimits(LIMITS));
    }

    private static LanguageSamples.Sample sample(String language) {
        return LanguageSamples.of(language).orElseThrow(() -> new AssertionError("no samples for " + language));
    }
}
