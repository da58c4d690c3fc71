package dev.judge.core.problem;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.judge.Judge;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs what a package brings, through a {@link Judge} and so only in its sandbox: the input validators over every
 * test input, and the example submissions against what their authors expect. A package without a time limit gets
 * one from its accepted submissions, as problemtools' {@code verifyproblem.py} derives it: they are judged first
 * under a generous probe limit, the slowest test's CPU time gives the limit through the package's
 * {@link TimeLimitPolicy}, and every other submission is judged under that limit, and again under the high limit
 * when the first verdict is not the expected one ("OK with extra time"). Thread-safe when the judge is.
 */
public final class PackageVerifier {
    private final Judge judge;
    private final Limits base;
    private final Duration probeTimeLimit;
    private final InputValidation validation;

    private PackageVerifier(Judge judge, Limits base, Duration probeTimeLimit, Limits validatorLimits) {
        this.judge = judge;
        this.base = base;
        this.probeTimeLimit = probeTimeLimit;
        this.validation = new InputValidation(judge, validatorLimits);
    }

    /**
     * A verifier judging with {@code judge}.
     *
     * @param base            the limits a package does not set, for its example submissions (memory, processes)
     * @param probeTimeLimit  the CPU time accepted submissions get while the time limit is derived
     * @param validatorLimits the limits of each input validator run
     */
    public static PackageVerifier using(Judge judge, Limits base, Duration probeTimeLimit, Limits validatorLimits) {
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(validatorLimits, "validatorLimits");
        if (probeTimeLimit == null || probeTimeLimit.isNegative() || probeTimeLimit.isZero()) {
            throw new IllegalArgumentException("probeTimeLimit must be more than 0, was " + probeTimeLimit);
        }
        return new PackageVerifier(judge, base, probeTimeLimit, validatorLimits);
    }

    /**
     * Runs every input validator of the package over every test input.
     *
     * @throws PackageRejectedException naming the validator, with the test and the validator's message, when an
     *                                  input is refused or the validator does not compile
     */
    public void validateInputs(ImportedProblem imported) {
        validation.run(Objects.requireNonNull(imported, "imported"));
    }

    /** Judges the package's example submissions, deriving the time limit first when the package gives none. */
    public Verification verify(ImportedProblem imported) {
        ProblemDefinition d = Objects.requireNonNull(imported, "imported").definition();
        Set<String> languages = judge.languages().stream().filter(LanguageInfo::available).map(LanguageInfo::id)
                .collect(Collectors.toSet());
        List<ImportReport.Entry> notes = new ArrayList<>();
        List<SubmissionCheck> checks = new ArrayList<>();
        Duration limit = d.timeLimit();
        Duration high = null;
        Duration slowest = null;
        boolean derive = limit == null;
        List<ExampleSubmission> rest = new ArrayList<>(d.submissions());
        if (derive) {
            List<SubmissionCheck> probed = new ArrayList<>();
            for (ExampleSubmission s : d.submissions()) {
                if (s.timeLimitUse() == ExampleSubmission.TimeLimitUse.LOWER_BOUND
                        && languages.contains(s.program().languageId())) {
                    SubmissionCheck c = judge(d, s, probeTimeLimit);
                    probed.add(c);
                    // only accepted runs give the limit, as in problemtools; the other bounding ones are checked
                    // under it below
                    if (c.outcome() == SubmissionCheck.Outcome.PASSED && c.expectsAccepted()
                            && (slowest == null || c.slowest().compareTo(slowest) > 0)) {
                        slowest = c.slowest();
                    }
                    rest.remove(s);
                }
            }
            if (slowest == null) {
                notes.add(note("submissions/", "limits.time_limit", "the package gives no time limit and no"
                        + " accepted submission passed, so none could be derived"));
                checks.addAll(probed);
            } else {
                TimeLimitPolicy p = d.timeLimitPolicy();
                limit = p.limitFor(slowest);
                high = p.highLimitFor(slowest);
                notes.add(note("submissions/", "limits.time_limit", "time limit " + limit.toMillis() + " ms derived as"
                        + " problemtools does: slowest accepted run " + slowest.toMillis() + " ms × "
                        + p.acToTimeLimit() + " = " + Math.round(slowest.toMillis() * p.acToTimeLimit()) + " ms,"
                        + " rounded half up to a multiple of " + p.resolutionSeconds() + " s (at least one);"
                        + " high limit " + high.toMillis() + " ms (× " + p.timeLimitToTle() + ", at least one step more)"));
                for (SubmissionCheck c : probed) {
                    // judged under the probe limit: under the derived one it times out where it ran longer
                    checks.add(c.slowest().compareTo(limit) > 0 ? rejudge(d, c, limit, high) : c);
                }
            }
        }
        for (ExampleSubmission s : rest) {
            if (!languages.contains(s.program().languageId())) {
                checks.add(new SubmissionCheck(s.path(), s.program().languageId(), s.category(), s.expectedVerdicts(),
                        "", 0, 0, Duration.ZERO, SubmissionCheck.Outcome.NOT_RUN, "the judge has no language '"
                                + s.program().languageId() + "'"));
            } else if (limit == null) {
                checks.add(new SubmissionCheck(s.path(), s.program().languageId(), s.category(), s.expectedVerdicts(),
                        "", 0, 0, Duration.ZERO, SubmissionCheck.Outcome.NOT_RUN, "no time limit to judge under"));
            } else {
                SubmissionCheck c = judge(d, s, limit);
                checks.add(c.outcome() == SubmissionCheck.Outcome.FAILED && high != null ? rejudge(d, c, s, high) : c);
            }
        }
        checks.sort((a, b) -> Integer.compare(index(d, a.path()), index(d, b.path())));
        return new Verification(limit, derive && limit != null, slowest, high, checks, notes);
    }

    private static int index(ProblemDefinition d, String path) {
        for (int i = 0; i < d.submissions().size(); i++) {
            if (d.submissions().get(i).path().equals(path)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private SubmissionCheck rejudge(ProblemDefinition d, SubmissionCheck c, Duration limit, Duration high) {
        ExampleSubmission s = d.submissions().get(index(d, c.path()));
        SubmissionCheck under = judge(d, s, limit);
        return under.outcome() == SubmissionCheck.Outcome.FAILED ? rejudge(d, under, s, high) : under;
    }

    private SubmissionCheck rejudge(ProblemDefinition d, SubmissionCheck failed, ExampleSubmission s, Duration high) {
        SubmissionCheck extra = judge(d, s, high);
        if (extra.outcome() != SubmissionCheck.Outcome.PASSED) {
            return failed;
        }
        return new SubmissionCheck(failed.path(), failed.languageId(), failed.category(), failed.expected(),
                extra.obtained(), extra.score(), extra.maxScore(), extra.slowest(),
                SubmissionCheck.Outcome.PASSED_WITH_EXTRA_TIME, "got " + failed.obtained() + " under the time limit, "
                        + extra.obtained() + " under the high limit of " + high.toMillis() + " ms: it is sensitive to"
                        + " the time limit");
    }

    private SubmissionCheck judge(ProblemDefinition d, ExampleSubmission s, Duration limit) {
        String language = s.program().languageId();
        SubmissionResult r;
        try {
            r = judge.judge(d.withTimeLimit(limit).toSubmission(language, s.program().sources(), base));
        } catch (InvalidSubmissionException e) {
            return new SubmissionCheck(s.path(), language, s.category(), s.expectedVerdicts(), "", 0, 0,
                    Duration.ZERO, SubmissionCheck.Outcome.NOT_RUN, "the judge refuses it: " + e.getMessage());
        }
        Duration slowest = Duration.ZERO;
        for (TestResult t : r.tests()) {
            if (t.cpuTime().compareTo(slowest) > 0) {
                slowest = t.cpuTime();
            }
        }
        String obtained = r.verdict().code();
        // an accepted verdict on a scoring problem counts as accepted only with the full score, as in problemtools
        boolean full = !obtained.equals("AC") || !d.scoring() || !s.expectedVerdicts().equals(Set.of("AC")) || r.score() >= r.maxScore() - 1e-9;
        boolean ok = s.expectedVerdicts().contains(obtained) && full;
        String message = obtained.equals("CE") ? r.compileOutput().strip() : !full ? "score " + r.score() + " of "
                + r.maxScore() : "";
        return new SubmissionCheck(s.path(), language, s.category(), s.expectedVerdicts(), obtained, r.score(),
                r.maxScore(), slowest, ok ? SubmissionCheck.Outcome.PASSED : SubmissionCheck.Outcome.FAILED,
                message.length() > 400 ? message.substring(0, 400) + "..." : message);
    }

    private static ImportReport.Entry note(String file, String key, String message) {
        return new ImportReport.Entry(ImportReport.Kind.NOTE, file, key, message);
    }
}
