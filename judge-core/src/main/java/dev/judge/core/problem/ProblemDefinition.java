package dev.judge.core.problem;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A problem as a package defines it, ready to judge submissions against. Programs it brings (checker,
 * interactor, input validators, example submissions) are sources: compiling and running them is the host's, in
 * the sandbox.
 *
 * @param name                the problem's name
 * @param statement           the statement, or {@code null} when the package has none the reader can keep
 * @param timeLimit           CPU time limit of a test, or {@code null} when the package leaves it to be derived
 *                            from its example submissions ({@link #timeLimitPolicy()})
 * @param memoryLimit         memory limit, or {@code null} for the host's default
 * @param outputLimit         output size limit, or {@code null} for the host's default
 * @param timeLimitPolicy     how a missing time limit is derived from measured example submissions
 * @param check               how outputs are judged
 * @param interactor          the interactor, or {@code null} for a problem that is not interactive
 * @param scoring             whether submissions earn a score (groups with points) rather than pass or fail
 * @param groups              scoring groups, empty for none
 * @param tests               tests in judging order; samples are visible, the rest hidden
 * @param io                  where a program reads and writes
 * @param stopOnFirstFailure  whether judging stops at the first failed test (ICPC style)
 * @param supportFiles        files added to every submission, by language id; key {@value #ALL_LANGUAGES} for
 *                            the files of every language without its own entry
 * @param inputValidators     programs every test input must pass before the problem is used
 * @param inputValidatorFlags arguments for the input validators, by test id, where the package gives some
 * @param submissions         the package's example submissions with their expected outcomes
 */
public record ProblemDefinition(
        String name,
        Statement statement,
        Duration timeLimit,
        ByteSize memoryLimit,
        ByteSize outputLimit,
        TimeLimitPolicy timeLimitPolicy,
        OutputCheck check,
        InteractorProgram interactor,
        boolean scoring,
        List<TestGroup> groups,
        List<TestCase> tests,
        FileIo io,
        boolean stopOnFirstFailure,
        Map<String, List<SourceFile>> supportFiles,
        List<Program> inputValidators,
        Map<String, String> inputValidatorFlags,
        List<ExampleSubmission> submissions) {

    /** The {@link #supportFiles()} key for files every language gets unless it has its own. */
    public static final String ALL_LANGUAGES = "default";

    public ProblemDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeLimitPolicy, "timeLimitPolicy");
        Objects.requireNonNull(check, "check");
        groups = List.copyOf(groups);
        tests = List.copyOf(tests);
        Objects.requireNonNull(io, "io");
        supportFiles = Map.copyOf(supportFiles);
        inputValidators = List.copyOf(inputValidators);
        inputValidatorFlags = Map.copyOf(inputValidatorFlags);
        submissions = List.copyOf(submissions);
    }

    /** This definition with a time limit, for example one {@link TimeLimitPolicy#limitFor} derived. */
    public ProblemDefinition withTimeLimit(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        return new ProblemDefinition(name, statement, limit, memoryLimit, outputLimit, timeLimitPolicy, check,
                interactor, scoring, groups, tests, io, stopOnFirstFailure, supportFiles, inputValidators,
                inputValidatorFlags, submissions);
    }

    /** The files added to a submission in {@code languageId}: its own, else those for all languages. */
    public List<SourceFile> supportFilesFor(String languageId) {
        List<SourceFile> own = supportFiles.get(languageId);
        return own != null ? own : supportFiles.getOrDefault(ALL_LANGUAGES, List.of());
    }

    /** A submission of {@code sources} in {@code languageId} to this problem, other limits from {@link Limits#defaults()}. */
    public Submission toSubmission(String languageId, List<SourceFile> sources) {
        return toSubmission(languageId, sources, Limits.defaults());
    }

    /**
     * A submission of {@code sources} in {@code languageId} to this problem: its tests, groups, limits, check,
     * interactor, file I/O and the support files of that language.
     *
     * @param base the limits the package does not set (processes, stack, files, ...)
     * @throws InvalidSubmissionException naming {@code limits.cpuTime} when the package gave no time limit and
     *                                    none was set with {@link #withTimeLimit}; naming {@code comparator}
     *                                    when the check cannot be expressed yet
     */
    public Submission toSubmission(String languageId, List<SourceFile> sources, Limits base) {
        Objects.requireNonNull(base, "base");
        if (timeLimit == null) {
            throw new InvalidSubmissionException("limits.cpuTime", "the package gives no time limit: derive one from"
                    + " its accepted submissions (TimeLimitPolicy.limitFor) and set it with withTimeLimit");
        }
        Duration wall = timeLimit.multipliedBy(2).plusSeconds(1);
        Limits limits = base.withCpuTime(timeLimit).withWallTime(wall.compareTo(base.wallTime()) > 0 ? wall : base.wallTime());
        if (memoryLimit != null) {
            limits = limits.withMemory(memoryLimit);
        }
        if (outputLimit != null) {
            limits = limits.withOutputSize(outputLimit).withFileSize(outputLimit);
        }
        return new Submission(languageId, sources, tests, limits, comparator(), new JudgeOptions(stopOnFirstFailure),
                groups, supportFilesFor(languageId), io, interactor == null ? null : interactor.toInteractor());
    }

    private ComparatorSpec comparator() {
        if (check instanceof OutputCheck.BuiltIn builtIn) {
            return builtIn.comparator();
        }
        OutputCheck.CheckerProgram checker = (OutputCheck.CheckerProgram) check;
        return switch (checker.protocol()) {
            case TESTLIB -> ComparatorSpec.testlibChecker(checker.program().languageId(), checker.program().sources());
            case KATTIS -> ComparatorSpec.kattisValidator(checker.program().languageId(), checker.program().sources(),
                    checker.arguments());
        };
    }
}
