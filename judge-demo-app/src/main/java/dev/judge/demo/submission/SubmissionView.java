package dev.judge.demo.submission;

import dev.judge.demo.problem.SourceDto;
import dev.judge.demo.results.GroupDocument;
import dev.judge.demo.results.PhasesDocument;
import java.time.Instant;
import java.util.List;

/**
 * A submission as {@code GET /api/v1/submissions/{id}} shows it (and the {@code finished} live event):
 * {@code groups} holds each scoring group's result once finished; {@code source} a one-file submission's text,
 * {@code sources} the files of a submission of several (the other null); {@code phases} where a finished
 * submission's time went (null before, and for results stored before phases were measured); {@code traceId} the
 * trace it was accepted in, whose spans follow it through the queue to its stored result (null when not traced).
 */
public record SubmissionView(String id, long problemId, String languageId, String username, String status,
        String verdict, double score, double maxScore, String compileOutput, List<TestView> tests,
        List<GroupDocument> groups, String source, List<SourceDto> sources, Instant createdAt, Instant finishedAt,
        PhasesDocument phases, String traceId) {
}
