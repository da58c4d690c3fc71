package dev.judge.core.problem;

import java.util.Objects;

/**
 * A package read: the problem it defines and the report of how it was read.
 *
 * @param definition the problem
 * @param report     what was imported, ignored or unsupported, per file and key
 */
public record ImportedProblem(ProblemDefinition definition, ImportReport report) {
    public ImportedProblem {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(report, "report");
    }
}
