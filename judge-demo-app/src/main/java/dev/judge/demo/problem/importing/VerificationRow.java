package dev.judge.demo.problem.importing;

import dev.judge.core.problem.SubmissionCheck;
import java.util.List;
import java.util.TreeSet;

/**
 * One example submission of a package, verified: what its authors expect and what the judge gave.
 *
 * @param path       where it sits in the package
 * @param languageId the language it was judged in
 * @param category   the package's category ({@code accepted}, {@code wrong_answer}, a Polygon tag)
 * @param expected   the verdict codes any one of which fulfils the expectation
 * @param obtained   the verdict the judge gave, "" when it was not run
 * @param outcome    {@code PASSED}, {@code PASSED_WITH_EXTRA_TIME}, {@code FAILED} or {@code NOT_RUN}
 * @param slowestMs  its slowest test's CPU time
 * @param score      the score it earned
 * @param maxScore   the most it could earn
 * @param message    compile output, why it was not run, or ""
 */
public record VerificationRow(String path, String languageId, String category, List<String> expected,
        String obtained, String outcome, long slowestMs, double score, double maxScore, String message) {

    static VerificationRow of(SubmissionCheck c) {
        return new VerificationRow(c.path(), c.languageId(), c.category(), List.copyOf(new TreeSet<>(c.expected())),
                c.obtained(), c.outcome().name(), c.slowest().toMillis(), c.score(), c.maxScore(), c.message());
    }
}
