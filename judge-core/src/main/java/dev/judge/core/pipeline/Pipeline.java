package dev.judge.core.pipeline;

import dev.judge.core.JudgeException;
import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.OutputComparator;
import dev.judge.core.language.Language;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.Limits;
import dev.judge.core.model.RunResult;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Status;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.model.WorkFile;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The judging pipeline: compile once (through the artifact cache), fan the tests out over the run slots, compare,
 * aggregate. A submission is admitted first: when the run slots' line is full, nothing has happened yet and the
 * caller gets a {@link dev.judge.core.JudgeBusyException}. It is prepared on the caller's thread; only the sandbox's
 * work (a compile the cache lacks, the runs) goes to the slots.
 */
final class Pipeline implements JudgingPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /**
     * @param compileLimits    limits of each compile
     * @param checkerLimits    limits of each checker run (before the checker language's allowances)
     * @param compileOutputCap bytes kept of the compiler's output
     * @param excerptCap       bytes kept of each test's stdout, stderr and checker message
     */
    record Settings(Limits compileLimits, Limits checkerLimits, int compileOutputCap, int excerptCap) {
    }

    private final Sandbox sandbox;
    private final Toolchains toolchains;
    private final ArtifactCache cache;
    private final RunSlotExecutor runSlots;
    private final Function<ComparatorSpec, OutputComparator> comparators;
    private final Settings settings;
    private final Clock clock;
    private final JudgeObserver observer;

    Pipeline(Sandbox sandbox, Toolchains toolchains, ArtifactCache cache, RunSlotExecutor runSlots,
            Function<ComparatorSpec, OutputComparator> comparators, Settings settings, Clock clock,
            JudgeObserver observer) {
        this.observer = observer;
        this.sandbox = sandbox;
        this.toolchains = toolchains;
        this.cache = cache;
        this.runSlots = runSlots;
        this.comparators = comparators;
        this.settings = settings;
        this.clock = clock;
    }

    /** What the runs of one submission share, or why there will be none. */
    private record Prepared(Language language, Compiled program, OutputComparator comparator, Verdict failure,
            String compileOutput, InteractiveRun interaction) {
        static Prepared failed(Verdict failure, String compileOutput) {
            return new Prepared(null, null, null, failure, compileOutput, null);
        }
    }

    @Override
    public SubmissionResult judge(String submissionId, Submission submission, Consumer<JudgeEvent> events) {
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(submission, "submission");
        Consumer<JudgeEvent> out = safe(events);
        PhaseClock phases = new PhaseClock(submission.tests().size());
        // Prepared on the caller's thread: a cached compile needs no slot, and each hand-off to a slot thread and
        // back is two context switches. A compile the cache lacks goes to a slot (onSlot).
        runSlots.ensureRoom();
        Prepared p = prepare(submissionId, submission, out, phases);
        if (p.failure() != null) {
            Aggregation none = Aggregation.notRun(p.failure(), submission.groups(), submission.tests());
            return finish(submission.languageId(), submissionId, p.compileOutput(), List.of(), none, out, phases);
        }
        out.accept(new JudgeEvent.StatusChanged(submissionId, Status.RUNNING));
        List<TestResult> results = runTests(submissionId, submission, p, out, phases);
        Aggregation a = Aggregation.of(submission.groups(), submission.tests(), results);
        return finish(submission.languageId(), submissionId, p.compileOutput(), results, a, out, phases);
    }

    private SubmissionResult finish(String languageId, String id, String compileOutput, List<TestResult> tests,
            Aggregation a, Consumer<JudgeEvent> out, PhaseClock phases) {
        SubmissionResult result = new SubmissionResult(id, Status.FINISHED, compileOutput, tests, a.verdict(),
                a.score(), a.maxScore(), clock.instant(), a.groups(), phases.times());
        try {
            observer.finished(languageId, result);
        } catch (RuntimeException e) {
            LOG.warn("the judge observer failed on submission {}", id, e);
        }
        out.accept(new JudgeEvent.StatusChanged(id, Status.FINISHED));
        out.accept(new JudgeEvent.Finished(id, result));
        return result;
    }

    /** Checks the language, compiles the program and the checker (each compile on a slot, unless cached). */
    private Prepared prepare(String id, Submission s, Consumer<JudgeEvent> out, PhaseClock phases) {
        Language language = toolchains.find(s.languageId()).orElse(null);
        if (language == null) {
            return Prepared.failed(new Verdict.InternalError("unknown language '" + s.languageId() + "'"), "");
        }
        LanguageInfo info = toolchains.info(language);
        if (!info.available()) {
            return Prepared.failed(new Verdict.InternalError("language '" + language.id() + "' is unavailable: "
                    + info.reason()), "");
        }
        if (language.compiled()) {
            out.accept(new JudgeEvent.StatusChanged(id, Status.COMPILING));
        }
        Compiled program;
        try {
            program = phases.compile(() -> compile(language, info.version(), s.sources(), s.supportFiles(),
                    s.options().compilerOptions(), s.workFiles()));
        } catch (RuntimeException e) {
            LOG.warn("compiling submission {} failed in the judge", id, e);
            return Prepared.failed(new Verdict.InternalError(e.getMessage()), "");
        }
        if (language.compiled()) {
            out.accept(new JudgeEvent.Compiled(id, program.success(), program.output()));
        }
        if (!program.success()) {
            return Prepared.failed(Verdict.COMPILATION_ERROR, program.output());
        }
        String clash = new TestFiles(s.io()).clash(program.files());
        if (clash != null) {
            return Prepared.failed(new Verdict.InternalError(clash), program.output());
        }
        OutputComparator comparator;
        try {
            comparator = comparator(s.comparator());
        } catch (RuntimeException e) {
            LOG.warn("preparing the comparator of submission {} failed", id, e);
            return Prepared.failed(new Verdict.InternalError(e.getMessage()), program.output());
        }
        InteractiveRun interaction = null;
        if (s.isInteractive()) {
            try {
                interaction = interaction(s, comparator);
            } catch (RuntimeException e) {
                LOG.warn("preparing the interactor of submission {} failed", id, e);
                return Prepared.failed(new Verdict.InternalError(e.getMessage()), program.output());
            }
        }
        return new Prepared(language, program, comparator, null, program.output(), interaction);
    }

    /** Compiles the interactor through the cache, as the checker; a checker comparator reads a testlib tout. */
    private InteractiveRun interaction(Submission s, OutputComparator comparator) {
        Interactor interactor = s.interactor();
        Language language = toolchains.find(interactor.languageId()).orElseThrow(
                () -> new JudgeException("unknown interactor language '" + interactor.languageId() + "'"));
        LanguageInfo info = toolchains.info(language);
        if (!info.available()) {
            throw new JudgeException("interactor language '" + language.id() + "' is unavailable: " + info.reason());
        }
        Compiled program = compile(language, info.version(), interactor.sources());
        if (!program.success()) {
            throw new JudgeException("the interactor did not compile: " + program.output());
        }
        return new InteractiveRun(sandbox, interactor, language, program, settings.checkerLimits(),
                s.comparator() instanceof ComparatorSpec.Checker ? comparator : null, observer, settings.excerptCap());
    }

    private OutputComparator comparator(ComparatorSpec spec) {
        if (!(spec instanceof ComparatorSpec.Checker checker)) {
            return comparators.apply(spec);
        }
        Language language = toolchains.find(checker.languageId()).orElseThrow(
                () -> new JudgeException("unknown checker language '" + checker.languageId() + "'"));
        LanguageInfo info = toolchains.info(language);
        if (!info.available()) {
            throw new JudgeException("checker language '" + language.id() + "' is unavailable: " + info.reason());
        }
        Compiled program = compile(language, info.version(), checker.sources());
        if (!program.success()) {
            throw new JudgeException("the checker did not compile: " + program.output());
        }
        return new CheckerComparator(sandbox, language, program, checker.protocol(), checker.argumentList(),
                settings.checkerLimits(), settings.excerptCap());
    }

    /** Compiles through the cache; languages without a compile step pass their sources through. */
    Compiled compile(Language language, String toolchainVersion, List<SourceFile> sources) {
        return compile(language, toolchainVersion, sources, List.of());
    }

    /** Compiles with the problem's support files (see {@link CompileInputs} for which are compiled). */
    Compiled compile(Language language, String toolchainVersion, List<SourceFile> sources,
            List<SourceFile> supportFiles) {
        return compile(language, toolchainVersion, sources, supportFiles, List.of());
    }

    /** Compiles with the submitter's compiler options after the compile command's own arguments. */
    Compiled compile(Language language, String toolchainVersion, List<SourceFile> sources,
            List<SourceFile> supportFiles, List<String> compilerOptions) {
        return compile(language, toolchainVersion, sources, supportFiles, compilerOptions, List.of());
    }

    /**
     * Compiles with the submitter's work files in the compile work dir; every run gets them beside the program,
     * except where the compile step left an artifact of the same path (the compile step may rewrite a file).
     */
    Compiled compile(Language language, String toolchainVersion, List<SourceFile> sources,
            List<SourceFile> supportFiles, List<String> compilerOptions, List<WorkFile> workFiles) {
        CompileInputs in = CompileInputs.of(language, sources, supportFiles);
        List<SandboxFile> work = workFiles.stream()
                .map(f -> new SandboxFile(f.path(), f.content(), f.executable())).toList();
        if (!language.compiled()) {
            return Compiled.ok(in.asRunFiles(), "").plusFiles(work);
        }
        Map<String, byte[]> files = in.files();
        List<String> names = List.copyOf(files.keySet());
        Limits limits = settings.compileLimits().withProcesses(
                Math.max(settings.compileLimits().processes(), language.minProcesses()));
        List<String> command = Commands.withArguments(Commands.expand(language.compileCommand(), language, names,
                limits.memory().toMiB()), compilerOptions);
        // Work files join the key under names no source can have (NUL), their execute bit with them.
        Map<String, byte[]> keyed = new LinkedHashMap<>(files);
        work.forEach(f -> keyed.put("\0work\0" + (f.executable() ? "x" : "-") + f.path(), f.content()));
        // The run command and the support files' roles decide what the outcome holds besides the artifacts.
        String key = ArtifactCache.key(List.of(language.id(), toolchainVersion, String.join("\0", command),
                String.join("\0", language.artifacts()), language.profile(), String.join("\0", language.runCommand()),
                String.join("\0", in.support())), keyed);
        List<SandboxFile> compileFiles = new ArrayList<>();
        files.forEach((name, content) -> compileFiles.add(SandboxFile.of(name, content)));
        compileFiles.addAll(work);
        return cache.get(key, () -> onSlot(() -> observer.observe(JudgeObserver.Phase.COMPILE, language.id(),
                () -> withWorkFiles(runnable(runCompiler(language, command, compileFiles, limits), language, in),
                        work))));
    }

    /** Runs {@code work} on a run slot and waits for it; a full line is a {@link dev.judge.core.JudgeBusyException}. */
    private <T> T onSlot(Callable<T> work) {
        return await(runSlots.admit(observer.carry(work)));
    }

    /** A successful compile's run files plus the work files the compile step did not leave an artifact for. */
    private static Compiled withWorkFiles(Compiled c, List<SandboxFile> work) {
        if (!c.success() || work.isEmpty()) {
            return c;
        }
        Set<String> left = new HashSet<>();
        c.files().forEach(f -> left.add(f.path()));
        return c.plusFiles(work.stream().filter(f -> !left.contains(f.path())).toList());
    }

    /** A compiled program with what its runs need besides the artifacts: support files, the class to start. */
    private static Compiled runnable(Compiled c, Language language, CompileInputs in) {
        if (!c.success()) {
            return c;
        }
        for (SandboxFile f : in.runFiles()) {
            if (c.files().stream().anyMatch(a -> a.path().equals(f.path()))) {
                throw new CompileFailure("the support file '" + f.path() + "' has the name of a compiled artifact");
            }
        }
        Compiled program = c.plusFiles(in.runFiles());
        if (!Commands.namesMainClass(language)) {
            return program;
        }
        JvmEntryPoint.Found found;
        try {
            found = JvmEntryPoint.find(c.files(), in.mainSource());
        } catch (IllegalArgumentException e) {
            throw new CompileFailure("the compiler left an unreadable class file: " + e.getMessage(), e);
        }
        return found.mainClass() != null ? program.withMainClass(found.mainClass())
                : Compiled.error(append(c.output(), found.problem()), true);
    }

    private Compiled runCompiler(Language language, List<String> command, List<SandboxFile> in, Limits limits) {
        SandboxResult r;
        try {
            r = sandbox.run(new SandboxRequest(command, in, new byte[0], limits, Map.of(), language.artifacts(),
                    language.profile()));
        } catch (RuntimeException e) {
            throw new CompileFailure("the sandbox could not run the compiler: " + e.getMessage(), e);
        }
        String output = Utf8.joined(r.stdout(), r.stderr(), settings.compileOutputCap());
        return switch (r.termination()) {
            case SANDBOX_FAILURE -> throw new CompileFailure("sandbox failure while compiling: " + r.message());
            case EXITED -> {
                if (r.exitCode() != 0) {
                    yield Compiled.error(output, true);
                }
                if (r.collected().isEmpty()) {
                    throw new CompileFailure("the compiler left none of the artifact files " + language.artifacts());
                }
                yield Compiled.ok(executables(r.collected(), language), output);
            }
            case SIGNALED -> Compiled.error(append(output, "compiler killed by signal " + r.signal()), false);
            case CPU_TIME_LIMIT, WALL_TIME_LIMIT -> Compiled.error(append(output,
                    "compilation time limit exceeded"), false);
            case MEMORY_LIMIT -> Compiled.error(append(output, "compilation memory limit exceeded"), false);
            case OUTPUT_LIMIT -> Compiled.error(append(output, "compiler output or file size limit exceeded"), false);
        };
    }

    /** The run command's program among the artifacts gets execute permission, whatever the sandbox reported. */
    private static List<SandboxFile> executables(List<SandboxFile> collected, Language language) {
        String program = language.runCommand().get(0);
        String name = program.startsWith("./") ? program.substring(2) : program;
        return collected.stream()
                .map(f -> f.path().equals(name) && !f.executable() ? SandboxFile.executable(f.path(), f.content()) : f)
                .toList();
    }

    private static String append(String output, String line) {
        return output.isEmpty() || output.endsWith("\n") ? output + line : output + "\n" + line;
    }

    private List<TestResult> runTests(String id, Submission s, Prepared p, Consumer<JudgeEvent> out,
            PhaseClock phases) {
        List<TestCase> tests = s.tests();
        int n = tests.size();
        SkipRule skips = SkipRule.of(s);
        Limits limits = p.language().allowFor(s.limits());
        TestFiles io = new TestFiles(s.io());
        SandboxRequest base = io.base(Commands.withArguments(runRequest(p.language(), p.program(), s.limits(), limits),
                s.options().programArguments())).withStderrToStdout(s.options().stderrToStdout());
        AtomicReferenceArray<TestResult> results = new AtomicReferenceArray<>(n);
        ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(runSlots.executor());
        List<Future<Integer>> futures = new ArrayList<>();
        // Each submission keeps at most one task per slot in flight, so one large submission cannot fill the line
        // that other submissions are admitted through.
        int window = runSlots.slots();
        int next = 0;
        int inFlight = 0;
        int released = 0;
        try {
            while (released < n) {
                while (next < n && inFlight < window) {
                    if (skips.skips(next)) {
                        results.set(next, TestResult.skipped(tests.get(next).id()));
                        next++;
                        continue;
                    }
                    int index = next;
                    try {
                        futures.add(done.submit(observer.carry(() -> {
                            if (skips.skips(index)) {
                                results.set(index, TestResult.skipped(tests.get(index).id()));
                            } else {
                                TestResult r = p.interaction() != null
                                        ? phases.run(index, () -> p.interaction().run(p.language().id(),
                                                tests.get(index), base, limits))
                                        : runTest(p.language().id(), tests.get(index), index, base, limits,
                                                p.comparator(), io, phases);
                                skips.ran(index, r);
                                results.set(index, r);
                            }
                            return index;
                        })));
                    } catch (RejectedExecutionException e) {
                        if (runSlots.isShutdown()) {
                            throw new JudgeException("the judge was closed while judging " + id);
                        }
                        break; // the line is full: wait for one of ours, or a moment, then try again
                    }
                    next++;
                    inFlight++;
                }
                if (inFlight > 0) {
                    Future<Integer> f = done.take();
                    inFlight--;
                    f.get();
                } else if (next < n) {
                    // Nothing of ours is in flight and the line is full of others' work: back off briefly.
                    Thread.sleep(10);
                }
                while (released < n && results.get(released) != null) {
                    TestResult r = results.get(released);
                    if (!(r.verdict() instanceof Verdict.Skipped) && skips.skips(released)) {
                        // It ran before an earlier failure that skips it was known: report it as judged in order.
                        r = TestResult.skipped(r.testId());
                        results.set(released, r);
                    }
                    out.accept(new JudgeEvent.TestFinished(id, r, released, n));
                    released++;
                }
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new JudgeException("interrupted while judging " + id, e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw new JudgeException("a test of " + id + " failed in the judge: " + e.getCause(), e.getCause());
        }
        return IntStream.range(0, n).mapToObj(results::get).toList();
    }

    private SandboxRequest runRequest(Language language, Compiled program, Limits asked, Limits allowed) {
        List<String> names = program.files().stream().map(SandboxFile::path).toList();
        List<String> command = Commands.expand(language.runCommand(), language, names, asked.memory().toMiB(),
                program.mainClass());
        return new SandboxRequest(command, program.files(), new byte[0], allowed, Map.of(), List.of(),
                language.profile());
    }

    private TestResult runTest(String languageId, TestCase t, int index, SandboxRequest base, Limits limits,
            OutputComparator comparator, TestFiles io, PhaseClock phases) {
        SandboxResult r;
        try {
            SandboxRequest request = io.forTest(base, t.input());
            r = phases.run(index, () -> observer.observe(JudgeObserver.Phase.RUN, languageId,
                    () -> sandbox.run(request)));
        } catch (RuntimeException e) {
            LOG.warn("the sandbox failed on test {}", t.id(), e);
            return new TestResult(t.id(), new Verdict.InternalError("sandbox: " + e.getMessage()), 0, Duration.ZERO,
                    Duration.ZERO, ByteSize.ZERO, -1, 0, "", "", "");
        }
        Verdict verdict;
        double score = 0;
        String message = "";
        var early = Verdicts.ofRun(r, limits);
        if (early.isPresent()) {
            verdict = early.get();
        } else if (t.expectedOutput() == null) {
            verdict = Verdict.ACCEPTED;
            score = t.weight();
        } else {
            Comparison c;
            try {
                byte[] answer = io.answer(r).orElse(null);
                c = answer == null ? new Comparison(Comparison.Outcome.WRONG_ANSWER, 0, io.missingOutput())
                        : phases.check(() -> observer.observe(JudgeObserver.Phase.CHECK, languageId,
                                () -> CheckerComparator.forWeight(comparator, t.weight())
                                        .compare(t.input(), t.expectedOutput(), answer)));
            } catch (RuntimeException e) {
                LOG.warn("the comparator failed on test {}", t.id(), e);
                c = new Comparison(Comparison.Outcome.CHECKER_FAILED, 0, "comparator failed: " + e);
            }
            verdict = Verdicts.ofComparison(c);
            score = t.weight() * Verdicts.fraction(c);
            message = c.message();
        }
        int cap = settings.excerptCap();
        return new TestResult(t.id(), verdict, score, r.cpuTime(), r.wallTime(), r.peakMemory(), r.exitCode(),
                r.signal(), Utf8.excerpt(r.stdout(), cap), Utf8.excerpt(r.stderr(), cap),
                Utf8.excerpt(Utf8.utf8(message), cap));
    }

    /**
     * Compiles and runs one program on {@code stdin}, keeping its whole (limit-capped) output. Admitted first, as
     * a submission is.
     */
    RunResult runOnce(Language language, List<SourceFile> sources, byte[] stdin, Limits asked) {
        runSlots.ensureRoom();
        Prepared p;
        LanguageInfo info = toolchains.info(language);
        if (!info.available()) {
            p = Prepared.failed(new Verdict.InternalError("language '" + language.id() + "' is unavailable: "
                    + info.reason()), "");
        } else {
            Compiled c = compile(language, info.version(), sources);
            p = c.success() ? new Prepared(language, c, null, null, c.output(), null)
                    : Prepared.failed(Verdict.COMPILATION_ERROR, c.output());
        }
        if (p.failure() != null) {
            String message = p.failure() instanceof Verdict.InternalError ie ? ie.reason() : "";
            return new RunResult(p.failure(), p.compileOutput(), "", "", -1, 0, Duration.ZERO, Duration.ZERO,
                    ByteSize.ZERO, false, message);
        }
        Limits allowed = language.allowFor(asked);
        SandboxRequest request = runRequest(language, p.program(), asked, allowed).withStdin(stdin);
        SandboxResult r = onSlot(() -> {
            try {
                return observer.observe(JudgeObserver.Phase.RUN, language.id(), () -> sandbox.run(request));
            } catch (RuntimeException e) {
                return SandboxResult.failure(String.valueOf(e.getMessage()));
            }
        });
        Verdict verdict = Verdicts.ofRun(r, allowed).orElse(Verdict.ACCEPTED);
        return new RunResult(verdict, p.compileOutput(), Utf8.excerpt(r.stdout(), Integer.MAX_VALUE),
                Utf8.excerpt(r.stderr(), Integer.MAX_VALUE), r.exitCode(), r.signal(), r.cpuTime(), r.wallTime(),
                r.peakMemory(), r.outputTruncated(), r.message());
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new JudgeException("interrupted while judging", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new JudgeException("judging failed: " + cause, cause);
        }
    }

    private static Consumer<JudgeEvent> safe(Consumer<JudgeEvent> events) {
        if (events == null) {
            return e -> { };
        }
        return e -> {
            try {
                events.accept(e);
            } catch (RuntimeException ex) {
                // A broken listener must not break judging; the result still comes back to the caller.
                LOG.warn("judge event listener failed on {}", e.getClass().getSimpleName(), ex);
            }
        };
    }

    ArtifactCacheStats cacheStats() {
        return cache.stats();
    }
}
