package dev.judge.demo.submission;

import dev.judge.core.model.Status;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.SubmissionTable;
import java.time.Instant;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The {@code submissions} table as the recorder writes it; a finish this node stored is sent to the callback. */
@Component
@Order(0)
class SubmissionsTable implements SubmissionTable {
    private final SubmissionRepository submissions;
    private final SubmissionWebhook webhook;

    SubmissionsTable(SubmissionRepository submissions, SubmissionWebhook webhook) {
        this.submissions = submissions;
        this.webhook = webhook;
    }

    @Override
    public boolean advance(String id, Status status) {
        return submissions.advance(id, status);
    }

    @Override
    public boolean finish(String id, ResultDocument result, Instant finishedAt) {
        return submissions.finish(id, result, finishedAt);
    }

    @Override
    public void finished(String id) {
        submissions.find(id).ifPresent(webhook::finished);
    }

    @Override
    public List<String> unfinished(int limit) {
        return submissions.unfinished(limit);
    }
}
