package dev.judge.demo.problem.importing;

import dev.judge.core.problem.ImportReport;
import java.util.List;

/**
 * The answer to a package import: the problem created, the format the package was read as, what was done with each
 * of its files and keys, and how its example submissions fared.
 *
 * @param problemId        the created problem
 * @param format           the package format ({@code KATTIS_LEGACY}, {@code KATTIS_2023_07}, {@code DOMJUDGE},
 *                         {@code POLYGON}, {@code DMOJ})
 * @param timeLimitMs      the problem's CPU time limit
 * @param timeLimitDerived whether it was derived from the accepted submissions (the report's note says how)
 * @param acceptedFailed   whether a submission expected to be accepted was not: the package is flagged
 * @param report           the reader's entries, then the server's own (input validation, the time limit)
 * @param verification     each example submission, expected against obtained verdict
 */
public record ImportResult(long problemId, String format, long timeLimitMs, boolean timeLimitDerived,
        boolean acceptedFailed, List<Line> report, List<VerificationRow> verification) {

    /** One report entry: {@code status} is IMPORTED, IGNORED, UNSUPPORTED or NOTE. */
    public record Line(String file, String key, String status, String message) {
        static Line of(ImportReport.Entry e) {
            return new Line(e.file(), e.key(), e.kind().name(), e.message());
        }
    }
}
