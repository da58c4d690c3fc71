package dev.judge.demo.submission;

import dev.judge.demo.webhook.WebhookSender;
import org.springframework.stereotype.Component;

/**
 * POSTs a finished submission of the server's own API to its {@code callbackUrl}, in the shape of
 * {@code GET /api/v1/submissions/{id}} as its author sees it (hidden tests reduced).
 */
@Component
public class SubmissionWebhook {
    private final WebhookSender sender;

    public SubmissionWebhook(WebhookSender sender) {
        this.sender = sender;
    }

    public void finished(SubmissionRow row) {
        if (row.callbackUrl() != null) {
            sender.send(row.callbackUrl(), "POST", SubmissionViews.of(row, null, false));
        }
    }
}
