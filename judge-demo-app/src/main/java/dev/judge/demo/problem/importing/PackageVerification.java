package dev.judge.demo.problem.importing;

import dev.judge.core.judge.Judge;
import dev.judge.core.model.Limits;
import dev.judge.core.problem.ImportedProblem;
import dev.judge.core.problem.PackageRejectedException;
import dev.judge.core.problem.PackageTooLargeException;
import dev.judge.core.problem.PackageVerifier;
import dev.judge.core.problem.ProblemPackageReader;
import dev.judge.core.problem.Verification;
import dev.judge.demo.problem.Problem;
import dev.judge.demo.problem.ProblemRepository;
import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs what a package brings through the judge (its sandbox, its limits): input validators at import, example
 * submissions at import and again on demand ({@code POST /api/v1/problems/{id}/verify}). The judging happens
 * outside any transaction; only the outcome is written in one.
 */
@Service
public class PackageVerification {
    /** CPU time of each accepted submission while the time limit is derived (problemtools gives 300 s). */
    static final Duration PROBE_TIME_LIMIT = Duration.ofSeconds(10);
    private static final Limits VALIDATOR_LIMITS = Limits.defaults().withCpuTime(Duration.ofSeconds(10))
            .withWallTime(Duration.ofSeconds(20));

    private final PackageVerifier verifier;
    private final PackageRepository packages;
    private final ProblemRepository problems;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    public PackageVerification(Judge judge, PackageRepository packages, ProblemRepository problems,
            PlatformTransactionManager transactions) {
        Duration max = judge.caps().maxLimits().cpuTime();
        this.verifier = PackageVerifier.using(judge, Limits.defaults(),
                PROBE_TIME_LIMIT.compareTo(max) > 0 ? max : PROBE_TIME_LIMIT, VALIDATOR_LIMITS);
        this.packages = packages;
        this.problems = problems;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Runs the input validators; a refused input refuses the package (422 naming the validator and the test). */
    void validateInputs(ImportedProblem imported) {
        try {
            verifier.validateInputs(imported);
        } catch (PackageRejectedException e) {
            throw refused(e);
        }
    }

    /** Judges the example submissions, deriving the time limit when the package gives none. */
    Verification verify(ImportedProblem imported) {
        return verifier.verify(imported);
    }

    /**
     * Verifies a stored problem's package again, under the problem's current time limit, and stores the outcome.
     *
     * @throws ApiException 404 when the problem does not exist or was not imported from a package
     */
    public VerificationView verifyAgain(long problemId, ProblemPackageReader reader) {
        Problem problem = problems.find(problemId)
                .orElseThrow(() -> ApiException.notFound("there is no problem " + problemId));
        PackageRepository.StoredPackage stored = packages.find(problemId).orElseThrow(() -> ApiException.notFound(
                "problem " + problemId + " was not imported from a package, so it has none to verify"));
        ImportedProblem imported;
        try {
            imported = reader.read(stored.zip());
        } catch (PackageRejectedException e) {
            throw refused(e);
        }
        ImportedProblem timed = new ImportedProblem(imported.definition().withTimeLimit(problem.limits().cpuTime()),
                imported.report());
        Verification v = verifier.verify(timed);
        List<VerificationRow> rows = v.submissions().stream().map(VerificationRow::of).toList();
        tx.executeWithoutResult(s -> packages.saveVerification(problemId, rows, v.acceptedFailed(), clock.instant()));
        return packages.verification(problemId).orElseThrow();
    }

    /** The last verification of a problem imported from a package (404 for another problem). */
    public VerificationView last(long problemId) {
        return packages.verification(problemId).orElseThrow(() -> ApiException.notFound("problem " + problemId
                + " was not imported from a package"));
    }

    /** A refused package over HTTP: 413 past a cap, else 422; the file at fault is named. */
    static ApiException refused(PackageRejectedException e) {
        String shown = e.getMessage();
        HttpStatus status = e instanceof PackageTooLargeException ? HttpStatus.PAYLOAD_TOO_LARGE
                : HttpStatus.UNPROCESSABLE_ENTITY;
        return new ApiException(status, "the package was refused: " + shown, List.of(new FieldProblem("file", shown)));
    }
}
