package dev.judge.demo.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.DemoProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Delivers finished submissions to callback URLs: the JSON body, signed with {@code X-Judge-Signature:
 * sha256=<hex HMAC-SHA256 of the body>} when {@code judge.demo.webhook-secret} is set; up to three attempts with
 * exponential backoff (1 s, then 2 s by default); the target is checked against the {@link CallbackGuard} again,
 * after a fresh DNS lookup, before every attempt. A 2xx answer ends it; redirects are not followed.
 */
@Component
public class WebhookSender implements DisposableBean {
    public static final String SIGNATURE_HEADER = "X-Judge-Signature";
    static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private final ObjectMapper json;
    private final CallbackGuard guard;
    private final DemoProperties properties;
    private final HttpClient client;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "webhook");
        t.setDaemon(true);
        return t;
    });

    public WebhookSender(ObjectMapper json, CallbackGuard guard, DemoProperties properties) {
        this.json = json;
        this.guard = guard;
        this.properties = properties;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.webhookTimeout()).build();
    }

    /** Sends {@code body} as JSON with {@code method} (POST or PUT) in the background. */
    public void send(String url, String method, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("callback body is not serializable", e);
        }
        executor.execute(() -> attempt(URI.create(url), method, bytes, 1));
    }

    private void attempt(URI uri, String method, byte[] body, int attempt) {
        String blocked = guard.blockedReason(uri.getHost());
        if (blocked != null) {
            log.warn("callback to {} refused at send time: {}", uri, blocked);
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.webhookTimeout())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        String signature = signature(body);
        if (signature != null) {
            request.header(SIGNATURE_HEADER, signature);
        }
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return;
            }
            log.info("callback to {} answered {} (attempt {})", uri, response.statusCode(), attempt);
        } catch (IOException e) {
            log.info("callback to {} failed (attempt {}): {}", uri, attempt, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt < ATTEMPTS) {
            long delay = properties.webhookBackoff().toMillis() << (attempt - 1);
            executor.schedule(() -> attempt(uri, method, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } else {
            log.warn("callback to {} given up after {} attempts", uri, ATTEMPTS);
        }
    }

    /** {@code sha256=<hex>} of the body with the configured secret, or null without a secret. */
    public String signature(byte[] body) {
        String secret = properties.webhookSecret();
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        return "sha256=" + hmac(secret, body);
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

}
