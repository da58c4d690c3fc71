package dev.judge.core.pipeline;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.compare.Comparators;
import dev.judge.core.language.Language;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.JudgeCaps;
import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.Limits;
import dev.judge.core.model.RunResult;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.sandbox.Sandbox;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The judging pipeline together with what it runs on: the languages' toolchains, the run slots, the
 * compiled-artifact cache and the checks a submission passes before it is judged. A judge builds one and owns it;
 * workers take it as their {@link JudgingPipeline}.
 */
public final class PipelineRuntime implements JudgingPipeline, AutoCloseable {

    /**
     * @param runSlots         compiles and runs in the sandbox at once
     * @param waitingRuns      compiles and runs that may wait for a run slot before new work is refused
     * @param cacheSize        bytes of compiled artifacts (and compiler output) kept
     * @param compileLimits    limits of each compile, also of the toolchain version probes
     * @param checkerLimits    limits of each checker run (before the checker language's allowances)
     * @param maxCompileOutput bytes kept of a compiler's output
     * @param maxExcerpt       bytes kept of each test's stdout, stderr and checker message
     */
    public record Settings(int runSlots, int waitingRuns, ByteSize cacheSize, Limits compileLimits,
            Limits checkerLimits, ByteSize maxCompileOutput, ByteSize maxExcerpt) {

        public Settings {
            if (runSlots < 1 || waitingRuns < 1) {
                throw new IllegalArgumentException("runSlots and waitingRuns must be at least 1, were " + runSlots
                        + " and " + waitingRuns);
            }
            Objects.requireNonNull(cacheSize, "cacheSize");
            Objects.requireNonNull(compileLimits, "compileLimits");
            Objects.requireNonNull(checkerLimits, "checkerLimits");
            Objects.requireNonNull(maxCompileOutput, "maxCompileOutput");
            Objects.requireNonNull(maxExcerpt, "maxExcerpt");
        }
    }

    private final Toolchains toolchains;
    private final RunSlotExecutor runSlots;
    private final Pipeline pipeline;
    private final Validator validator;
    private final JudgeCaps caps;

    private PipelineRuntime(Sandbox sandbox, Languages languages, Settings settings, JudgeCaps caps, Clock clock,
            JudgeObserver observer) {
        this.toolchains = new Toolchains(sandbox, languages, settings.compileLimits());
        this.runSlots = new RunSlotExecutor(settings.runSlots(), settings.waitingRuns());
        this.pipeline = new Pipeline(sandbox, toolchains, new ArtifactCache(settings.cacheSize()), runSlots,
                Comparators::of, new Pipeline.Settings(settings.compileLimits(), settings.checkerLimits(),
                        intCap(settings.maxCompileOutput()), intCap(settings.maxExcerpt())), clock, observer);
        this.validator = new Validator(caps, toolchains, InteractiveRun.connectsPairs(sandbox));
        this.caps = caps;
    }

    /** A runtime for {@code sandbox}; every argument is required. */
    public static PipelineRuntime create(Sandbox sandbox, Languages languages, Settings settings, JudgeCaps caps,
            Clock clock, JudgeObserver observer) {
        return new PipelineRuntime(Objects.requireNonNull(sandbox, "sandbox"),
                Objects.requireNonNull(languages, "languages"), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(caps, "caps"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(observer, "observer"));
    }

    private static int intCap(ByteSize size) {
        return (int) Math.min(Integer.MAX_VALUE, size.bytes());
    }

    /**
     * Checks a submission against the languages and the caps.
     *
     * @throws InvalidSubmissionException naming the first field that fails
     */
    public void check(Submission submission) {
        validator.check(submission);
    }

    @Override
    public SubmissionResult judge(String submissionId, Submission submission, Consumer<JudgeEvent> events) {
        return pipeline.judge(submissionId, submission, events);
    }

    /**
     * Checks, compiles and runs one program on {@code stdin}, keeping its whole (limit-capped) output.
     *
     * @throws InvalidSubmissionException naming the first argument that fails the checks
     */
    public RunResult run(String languageId, String source, byte[] stdin, Limits limits) {
        Language language = validator.checkRun(languageId, source, stdin, limits);
        return pipeline.runOnce(language, List.of(SourceFile.main(source)), stdin, limits);
    }

    /** Every configured language, with whether its toolchain is there and its version. */
    public List<LanguageInfo> languages() {
        return toolchains.all();
    }

    /** One configured language, probing only its toolchain; empty when no language has this id. */
    public Optional<LanguageInfo> language(String languageId) {
        return toolchains.find(languageId).map(toolchains::info);
    }

    /** The caps {@link #check(Submission)} and {@link #run} enforce. */
    public JudgeCaps caps() {
        return caps;
    }

    /** Counters of the compiled-artifact cache. */
    public ArtifactCacheStats cacheStats() {
        return pipeline.cacheStats();
    }

    /** Compiles and runs waiting for a run slot now. */
    public int waitingRuns() {
        return runSlots.waiting();
    }

    /** Lets the compiles and runs under way finish (for up to 30 s) and stops the run slots' threads. */
    @Override
    public void close() {
        runSlots.close();
    }
}
