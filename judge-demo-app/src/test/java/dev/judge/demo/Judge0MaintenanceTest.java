package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.demo.support.ServerSupport;
import dev.judge.demo.support.TempDataDir;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/** Judge0's maintenance mode: no submission is created or deleted, with the configured message; reads go on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "judge.demo.admin-password=" + ServerSupport.ADMIN_PASSWORD,
        "judge.judge0.auth-token=maintenance-token",
        "judge.judge0.maintenance-mode=true",
        "judge.judge0.maintenance-message=Back at 04:00 UTC."})
@ContextConfiguration(initializers = TempDataDir.class)
@DirtiesContext
class Judge0MaintenanceTest extends ServerSupport {
    private static final String SUBMISSION = "{\"source_code\":\"int main(void){return 0;}\",\"language_id\":50}";

    private Response judge0(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/judge0" + path)).header("X-Auth-Token",
                "maintenance-token");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void creatingAndDeletingAnswer503WithTheMessage() {
        for (Response r : new Response[] {
                judge0("POST", "/submissions", SUBMISSION),
                judge0("POST", "/submissions?wait=true", SUBMISSION),
                judge0("POST", "/submissions/batch", "{\"submissions\":[" + SUBMISSION + "]}"),
                judge0("DELETE", "/submissions/" + UUID.randomUUID(), null)}) {
            assertThat(r.problem(503).path("error").asText()).isEqualTo("Back at 04:00 UTC.");
        }
        assertThat(judge0("GET", "/config_info", null).json().path("maintenance_mode").asBoolean()).isTrue();
        judge0("GET", "/submissions/" + UUID.randomUUID(), null).problem(404);
        assertThat(judge0("GET", "/statuses", null).status()).isEqualTo(200);
    }
}
