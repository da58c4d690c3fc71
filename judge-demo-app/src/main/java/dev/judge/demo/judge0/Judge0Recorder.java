package dev.judge.demo.judge0;

import dev.judge.core.model.SubmissionResult;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.ResultHandler;
import dev.judge.demo.webhook.WebhookSender;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Writes final results into {@code judge0_submissions}; the node whose write lands first calls the submission's
 * {@code callback_url} (with PUT, as Judge0 does) with the submission in Judge0's shape (all fields, text not
 * base64-encoded).
 */
@Component
@Order(1)
class Judge0Recorder implements ResultHandler {
    private final Judge0Repository repository;
    private final WebhookSender webhooks;

    Judge0Recorder(Judge0Repository repository, WebhookSender webhooks) {
        this.repository = repository;
        this.webhooks = webhooks;
    }

    @Override
    public void handle(SubmissionResult result) {
        if (!result.isFinished()) {
            return;
        }
        if (repository.finish(result.submissionId(), ResultDocument.of(result), result.updatedAt())) {
            repository.find(result.submissionId()).filter(row -> row.callbackUrl() != null)
                    .ifPresent(row -> webhooks.send(row.callbackUrl(), "PUT", Judge0Views.all(row, null)));
        }
    }

    @Override
    public List<String> unfinished() {
        return repository.unfinished(10_000);
    }
}
