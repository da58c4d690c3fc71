package dev.judge.demo.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.DemoProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Delivers finished submissions to callback URLs: the JSON body, signed with {@code X-Judge-Signature:
 * sha256=<hex HMAC-SHA256 of the body>} when {@code judge.demo.webhook-secret} is set; up to three attempts with
 * exponential backoff (1 s, then 2 s by default). A 2xx answer ends it.
 *
 * <p>The client (Apache HttpClient) resolves hosts only through the {@link GuardedDnsResolver}, so every
 * connection goes to an address the {@link CallbackGuard} accepted on that same lookup; a refused host ends the
 * delivery. Redirects are not followed (a 3xx is a failed attempt), and no proxy is used.
 */
@Component
public class WebhookSender implements DisposableBean {
    public static final String SIGNATURE_HEADER = "X-Judge-Signature";
    static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private final ObjectMapper json;
    private final DemoProperties properties;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "webhook");
        t.setDaemon(true);
        return t;
    });

    public WebhookSender(ObjectMapper json, CallbackGuard guard, DemoProperties properties) {
        this.json = json;
        this.properties = properties;
        Timeout timeout = Timeout.of(properties.webhookTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).build())
                .disableRedirectHandling()
                .disableAutomaticRetries() // attempts and their backoff are this class's
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * Sends {@code body} as JSON with {@code method} (POST or PUT) in the background; the future says whether an
     * attempt was answered with 2xx.
     */
    public CompletableFuture<Boolean> send(String url, String method, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("callback body is not serializable", e);
        }
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        executor.execute(() -> attempt(URI.create(url), method, bytes, 1, outcome));
        return outcome;
    }

    private void attempt(URI uri, String method, byte[] body, int attempt, CompletableFuture<Boolean> outcome) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        String signature = signature(body);
        if (signature != null) {
            request.setHeader(SIGNATURE_HEADER, signature);
        }
        try {
            int status = client.execute(request, response -> response.getCode());
            if (status / 100 == 2) {
                outcome.complete(true);
                return;
            }
            log.info("callback to {} answered {} (attempt {})", uri, status, attempt);
        } catch (IOException e) {
            RefusedHostException refused = refusal(e);
            if (refused != null) {
                log.warn("callback to {} refused at send time: {}", uri, refused.getMessage());
                outcome.complete(false);
                return;
            }
            log.info("callback to {} failed (attempt {}): {}", uri, attempt, e.toString());
        } catch (RuntimeException e) {
            log.warn("callback to {} failed (attempt {})", uri, attempt, e);
        }
        if (attempt < ATTEMPTS) {
            long delay = properties.webhookBackoff().toMillis() << (attempt - 1);
            try {
                executor.schedule(() -> attempt(uri, method, body, attempt + 1, outcome), delay,
                        TimeUnit.MILLISECONDS);
            } catch (RuntimeException stopped) {
                outcome.complete(false); // shutting down
            }
        } else {
            log.warn("callback to {} given up after {} attempts", uri, ATTEMPTS);
            outcome.complete(false);
        }
    }

    private static RefusedHostException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RefusedHostException r) {
                return r;
            }
        }
        return null;
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
        client.close(CloseMode.IMMEDIATE);
    }
}
