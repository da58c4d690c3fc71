package dev.judge.demo.problem.importing;

import dev.judge.core.problem.ImportReport;
import java.util.List;

/**
 * The answer to a package import: the problem created, the format the package was read as, and what was done
 * with each of its files and keys.
 *
 * @param problemId the created problem
 * @param format    the package format ({@code KATTIS_LEGACY}, {@code KATTIS_2023_07}, {@code DOMJUDGE},
 *                  {@code POLYGON}, {@code DMOJ})
 * @param report    the reader's entries, then the server's own (a default limit used, programs not run)
 */
public record ImportResult(long problemId, String format, List<Line> report) {

    /** One report entry: {@code status} is IMPORTED, IGNORED, UNSUPPORTED or NOTE. */
    public record Line(String file, String key, String status, String message) {
        static Line of(ImportReport.Entry e) {
            return new Line(e.file(), e.key(), e.kind().name(), e.message());
        }
    }
}
