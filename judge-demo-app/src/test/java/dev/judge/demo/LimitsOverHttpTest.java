package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.LimitsServerTest;
import dev.judge.demo.support.RawHttp;
import dev.judge.demo.support.ServerSupport;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The 429 paths over real HTTP: the per-address budget, keyed on {@code X-Forwarded-For} only behind a trusted
 * proxy (127.0.0.1 here; 127.0.0.2 and 127.0.0.3 are untrusted peers on the same loopback), and a saturated judge.
 * Budgets are three judging requests per address and hour; an empty Judge0 submission is refused with 422 after it
 * was charged, so no judging is needed to spend one.
 */
@LimitsServerTest
class LimitsOverHttpTest extends ServerSupport {
    private static final AtomicInteger CLIENTS = new AtomicInteger(10);

    private Response judge0FromTrustedProxy(String forwardedFor) {
        HttpRequest.Builder r = request("/judge0/submissions", null).header("Content-Type", "application/json");
        if (forwardedFor != null) {
            r.header("X-Forwarded-For", forwardedFor);
        }
        return send(r.POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static void assertBudgetSpent(Response r) {
        JsonNode problem = r.problem(429);
        assertThat(problem.path("detail").asText()).contains("this address");
        assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 3600L));
    }

    @Test
    void behindTheTrustedProxyEachForwardedClientHasItsOwnBudget() {
        for (int i = 0; i < 3; i++) {
            assertThat(judge0FromTrustedProxy("198.51.100.1").status()).isEqualTo(422);
        }
        assertBudgetSpent(judge0FromTrustedProxy("198.51.100.1"));
        // whatever the client wrote left of what the proxy appended does not help it
        assertBudgetSpent(judge0FromTrustedProxy("203.0.113.99, 198.51.100.1"));
        // a proxy chain: trusted hops on the right are skipped
        assertBudgetSpent(judge0FromTrustedProxy("198.51.100.1, 127.0.0.1"));
        assertThat(judge0FromTrustedProxy("198.51.100.2").status()).as("another client").isEqualTo(422);
    }

    @Test
    void anUntrustedPeerIsChargedByItsSocketAddressWhateverItForwards() {
        for (int i = 0; i < 3; i++) {
            Response r = RawHttp.post("127.0.0.2", port, "/judge0/submissions",
                    Map.of("X-Forwarded-For", "192.0.2." + i), "{}");
            assertThat(r.status()).as(r.body()).isEqualTo(422);
        }
        Response spoofed = RawHttp.post("127.0.0.2", port, "/judge0/submissions",
                Map.of("X-Forwarded-For", "192.0.2.200"), "{}");
        assertBudgetSpent(spoofed);
        assertThat(RawHttp.post("127.0.0.3", port, "/judge0/submissions", Map.of(), "{}").status())
                .as("another peer").isEqualTo(422);
        // 192.0.2.0 was never charged: the header from 127.0.0.2 was not believed
        assertThat(judge0FromTrustedProxy("192.0.2.0").status()).isEqualTo(422);
    }

    /**
     * One slot, one place in the judge's waiting line: two runs sleeping until their wall-time limit hold both, so
     * a further run finds the judge full. The quick runs are sent until one is refused; one that got in before the
     * slow ones is simply judged.
     */
    @Test
    void aSaturatedJudgeAnswers429WithRetryAfter() throws Exception {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox runs the programs)");
        String user = login("admin", ADMIN_PASSWORD);
        String sleeper = "#include <unistd.h>\nint main(void){sleep(60);return 0;}\n";
        String slow = json(Map.of("languageId", "c", "source", sleeper,
                "limits", Map.of("cpuTime", "1s", "wallTime", "5s")));
        String quick = json(Map.of("languageId", "c", "source", "int main(void){return 0;}\n"));
        List<CompletableFuture<Response>> slowRuns = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slowRuns.add(CompletableFuture.supplyAsync(() -> run(user, slow)));
        }
        Response refused = null;
        while (refused == null && !slowRuns.stream().allMatch(CompletableFuture::isDone)) {
            Response r = run(user, quick);
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }
        }
        for (CompletableFuture<Response> f : slowRuns) {
            Response r = f.get(120, TimeUnit.SECONDS);
            if (refused == null && r.status() == 429) {
                refused = r; // a quick run held the slot as this one came
            }
        }
        assertThat(refused).as("a run refused while the judge was full").isNotNull();
        JsonNode problem = refused.problem(429);
        assertThat(problem.path("detail").asText()).contains("judge is busy");
        assertThat(problem.has("requestId")).isTrue();
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(run(user, quick).status()).as("free again").isEqualTo(200);
    }

    /** A run as a new client behind the trusted proxy, so the per-address budget is not what stops it. */
    private Response run(String token, String body) {
        int n = CLIENTS.incrementAndGet();
        return send(request("/api/v1/runs", token).header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.18." + (n / 256 % 256) + "." + (n % 256))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
