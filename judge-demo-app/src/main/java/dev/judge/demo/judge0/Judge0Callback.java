package dev.judge.demo.judge0;

import dev.judge.demo.results.Api;
import dev.judge.demo.results.FinishCallback;
import dev.judge.demo.webhook.WebhookSender;
import org.springframework.stereotype.Component;

/**
 * Sends a finished Judge0 submission to its {@code callback_url} (with PUT, as Judge0 does) in Judge0's shape (all
 * fields, text not base64-encoded).
 */
@Component
class Judge0Callback implements FinishCallback {
    private final Judge0Repository repository;
    private final WebhookSender webhooks;

    Judge0Callback(Judge0Repository repository, WebhookSender webhooks) {
        this.repository = repository;
        this.webhooks = webhooks;
    }

    @Override
    public Api api() {
        return Api.JUDGE0;
    }

    @Override
    public void finished(String id) {
        repository.find(id).filter(row -> row.callbackUrl() != null)
                .ifPresent(row -> webhooks.send(row.callbackUrl(), "PUT", Judge0Views.all(row, null)));
    }
}
