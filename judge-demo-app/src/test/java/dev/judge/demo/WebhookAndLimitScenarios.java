package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.ServerSupport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed callbacks received by a local HTTP server (127.0.0.1 is allow-listed in tests), and rate limits. */
abstract class WebhookAndLimitScenarios extends JudgingScenarios {
    record Delivery(String method, String path, String signature, byte[] body) {
    }

    private HttpServer receiver;
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeAll
    static void needsRoot() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox judges the submissions)");
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.add(new Delivery(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Judge-Signature"), body));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    String hook(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("webhook-secret-for-tests".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void aFinishedSubmissionIsPostedSignedAfterRetries() throws Exception {
        failuresLeft.set(2); // the first two attempts fail, the third lands
        String admin = adminToken();
        long problem = sumProblem(admin);
        String user = userToken();
        Response r = postJson("/api/v1/submissions", user, json(Map.of("problemId", problem, "languageId", "c",
                "source", SUM_C, "callbackUrl", hook("/own"))));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().path("id").asText();

        Delivery first = deliveries.poll(60, TimeUnit.SECONDS);
        Delivery second = deliveries.poll(10, TimeUnit.SECONDS);
        Delivery third = deliveries.poll(10, TimeUnit.SECONDS);
        assertThat(third).as("three attempts").isNotNull();
        assertThat(deliveries.poll(1, TimeUnit.SECONDS)).as("no fourth attempt").isNull();
        for (Delivery d : List.of(first, second, third)) {
            assertThat(d.method()).isEqualTo("POST");
            assertThat(d.path()).isEqualTo("/own");
            assertThat(d.signature()).isEqualTo(hmac(d.body()));
        }
        JsonNode body = JSON.readTree(third.body());
        assertThat(body.path("id").asText()).isEqualTo(id);
        assertThat(body.path("verdict").asText()).isEqualTo("AC");
        assertThat(body.path("tests").get(1).path("stdout").isNull()).as("hidden test reduced").isTrue();
    }

    @Test
    void judge0CallbacksArePutOnce() throws Exception {
        Response r = send(request("/judge0/submissions", null).header("X-Auth-Token", Judge0Scenarios.TOKEN)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json(Map.of("source_code",
                        Judge0Scenarios.ECHO_SUM, "language_id", 50, "stdin", "4 5", "callback_url", hook("/j0"))))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Delivery d = deliveries.poll(60, TimeUnit.SECONDS);
        assertThat(d).isNotNull();
        assertThat(d.method()).isEqualTo("PUT");
        assertThat(d.signature()).isEqualTo(hmac(d.body()));
        JsonNode body = JSON.readTree(d.body());
        assertThat(body.path("token").asText()).isEqualTo(r.json().path("token").asText());
        assertThat(body.path("stdout").asText()).isEqualTo("9\n");
        assertThat(body.path("status").path("id").asInt()).isEqualTo(3);
        assertThat(deliveries.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void anAccountOverItsBudgetGets429WithRetryAfter() {
        String user = userToken();
        // the bucket holds 40 and refills greedily (a token every 1.5 s at 40 a minute), so a slow machine may
        // be granted a token or two while the loop runs: the first refusal comes after at least 40 accepted
        int accepted = 0;
        Response last = null;
        while (accepted < 80) {
            last = postJson("/api/v1/submissions", user, "{}");
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).isEqualTo(400);
            accepted++;
        }
        assertThat(accepted).as("requests let through before the first 429").isBetween(40, 79);
        last.problem(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        // another account has its own budget
        assertThat(postJson("/api/v1/submissions", userToken(), "{}").status()).isEqualTo(400);
    }
}
