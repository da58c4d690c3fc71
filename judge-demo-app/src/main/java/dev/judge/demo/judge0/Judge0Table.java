package dev.judge.demo.judge0;

import dev.judge.core.model.Status;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.SubmissionTable;
import dev.judge.demo.webhook.WebhookSender;
import java.time.Instant;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The {@code judge0_submissions} table as the recorder writes it; a finish this node stored is sent to the
 * submission's {@code callback_url} (with PUT, as Judge0 does) in Judge0's shape (all fields, text not
 * base64-encoded).
 */
@Component
@Order(1)
class Judge0Table implements SubmissionTable {
    private final Judge0Repository repository;
    private final WebhookSender webhooks;

    Judge0Table(Judge0Repository repository, WebhookSender webhooks) {
        this.repository = repository;
        this.webhooks = webhooks;
    }

    @Override
    public boolean advance(String id, Status status) {
        return repository.advance(id, status);
    }

    @Override
    public boolean finish(String id, ResultDocument result, Instant finishedAt) {
        return repository.finish(id, result, finishedAt);
    }

    @Override
    public void finished(String id) {
        repository.find(id).filter(row -> row.callbackUrl() != null)
                .ifPresent(row -> webhooks.send(row.callbackUrl(), "PUT", Judge0Views.all(row, null)));
    }

    @Override
    public List<String> unfinished(int limit) {
        return repository.unfinished(limit);
    }
}
