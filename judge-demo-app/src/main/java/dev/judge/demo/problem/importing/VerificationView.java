package dev.judge.demo.problem.importing;

import java.time.Instant;
import java.util.List;

/**
 * The last verification of a problem imported from a package.
 *
 * @param problemId        the problem
 * @param format           the package format
 * @param timeLimitDerived whether the problem's time limit was derived from the accepted submissions
 * @param acceptedFailed   whether a submission its authors expect to be accepted was not: the package is flagged
 * @param verifiedAt       when it was verified
 * @param submissions      each example submission, in package order
 */
public record VerificationView(long problemId, String format, boolean timeLimitDerived, boolean acceptedFailed,
        Instant verifiedAt, List<VerificationRow> submissions) {
}
