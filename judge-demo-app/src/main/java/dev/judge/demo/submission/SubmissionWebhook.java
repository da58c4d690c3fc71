package dev.judge.demo.submission;

import dev.judge.demo.results.Api;
import dev.judge.demo.results.FinishCallback;
import dev.judge.demo.webhook.WebhookSender;
import org.springframework.stereotype.Component;

/**
 * POSTs a finished submission of the server's own API to its {@code callbackUrl}, in the shape of
 * {@code GET /api/v1/submissions/{id}} as its author sees it (hidden tests reduced).
 */
@Component
class SubmissionWebhook implements FinishCallback {
    private final SubmissionRepository submissions;
    private final WebhookSender sender;

    SubmissionWebhook(SubmissionRepository submissions, WebhookSender sender) {
        this.submissions = submissions;
        this.sender = sender;
    }

    @Override
    public Api api() {
        return Api.NATIVE;
    }

    @Override
    public void finished(String id) {
        submissions.find(id).filter(row -> row.callbackUrl() != null)
                .ifPresent(row -> sender.send(row.callbackUrl(), "POST", SubmissionViews.of(row, null, false)));
    }
}
