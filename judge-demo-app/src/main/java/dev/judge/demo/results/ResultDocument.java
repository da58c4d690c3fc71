package dev.judge.demo.results;

import dev.judge.core.model.SubmissionResult;
import java.time.Instant;
import java.util.List;

/**
 * A judge result as the server stores it (column {@code result_json}) and reads it back: plain values only, so
 * it does not depend on the judge's own serialized form. {@code groups} is empty without scoring groups (and in
 * documents stored before groups were kept); {@code phases} is where a finished submission's time went (null
 * before it finished and in documents stored before phases were measured).
 */
public record ResultDocument(String status, String verdict, String detail, double score, double maxScore,
        String compileOutput, List<TestDocument> tests, Instant updatedAt, List<GroupDocument> groups,
        PhasesDocument phases) {

    public ResultDocument {
        tests = tests == null ? List.of() : List.copyOf(tests);
        groups = groups == null ? List.of() : List.copyOf(groups);
        compileOutput = compileOutput == null ? "" : compileOutput;
    }

    public static ResultDocument of(SubmissionResult r) {
        return new ResultDocument(r.status().name(), r.verdict() == null ? null : r.verdict().code(),
                r.verdict() == null ? null : TestDocument.detail(r.verdict()), r.score(), r.maxScore(),
                r.compileOutput(), r.tests().stream().map(TestDocument::of).toList(), r.updatedAt(),
                r.groups().stream().map(GroupDocument::of).toList(), PhasesDocument.of(r.phases()));
    }

    public boolean finished() {
        return "FINISHED".equals(status);
    }
}
