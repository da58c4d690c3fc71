package dev.judge.demo.submission;

import dev.judge.core.model.SourceFile;
import dev.judge.demo.problem.SourceDto;
import dev.judge.demo.results.ResultDocument;
import java.time.Instant;
import java.util.List;

/**
 * A row of {@code submissions} with its author's name; {@code status} is QUEUED, COMPILING or RUNNING as last
 * recorded, FINISHED with the result; {@code result} is null until the judge finished it. A one-file submission has
 * its {@code source} and {@code sources} null, one of several files {@code sources} and {@code source} null.
 */
public record SubmissionRow(String id, long userId, String username, long problemId, String languageId, String source,
        List<SourceDto> sources, List<String> hiddenTests, int testCount, String callbackUrl, String status, ResultDocument result,
        Instant createdAt, Instant finishedAt, String traceId) {

    public boolean finished() {
        return finishedAt != null;
    }

    /** The submitted files as the judge takes them (to judge the submission again). */
    public List<SourceFile> files() {
        return source != null ? List.of(SourceFile.main(source))
                : sources.stream().map(f -> f.toSourceFile("sources")).toList();
    }
}
