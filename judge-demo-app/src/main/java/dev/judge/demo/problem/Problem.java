package dev.judge.demo.problem;

import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import java.time.Instant;
import java.util.List;

/** A stored problem; its limits, comparator and kind are the judge's own types, ready for a submission. */
public record Problem(long id, String title, String statement, Limits limits, ComparatorSpec comparator,
        ProblemKind kind, Instant createdAt, Instant updatedAt) {

    /** What the judge gets for a submission of {@code sources} in {@code languageId}, judged on {@code tests}. */
    public Submission submission(String languageId, List<SourceFile> sources, List<TestCase> tests) {
        return new Submission(languageId, sources, tests, limits, comparator,
                new JudgeOptions(kind.stopOnFirstFailure()), kind.groups(), kind.supportFilesFor(languageId),
                kind.io(), kind.interactor());
    }
}
