package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.demo.support.DefaultSecurityServerTest;
import dev.judge.demo.support.ServerSupport;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Started as the README starts it, with no Judge0 token configured: the Judge0 API is not open. */
@DefaultSecurityServerTest
class Judge0DefaultSecurityTest extends ServerSupport {
    @Value("${judge.demo.data-dir}")
    Path dataDir;

    private Response judge0(String method, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/judge0" + path));
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        if (method.equals("POST")) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"source_code\":\"int main(void){return 0;}\",\"language_id\":50}"));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b);
    }

    @Test
    void noCodeRunsWithoutTheGeneratedToken() throws Exception {
        Path file = dataDir.resolve("judge0-token");
        assertThat(file).exists();
        String token = Files.readString(file).trim();

        assertThat(judge0("POST", "/submissions", null).problem(401).path("error").asText())
                .contains("X-Auth-Token");
        judge0("POST", "/submissions", "guess").problem(401);
        judge0("GET", "/statuses", null).problem(401);
        judge0("GET", "/config_info", adminToken()).problem(401);
        assertThat(judge0("GET", "/statuses", token).status()).isEqualTo(200);
        assertThat(judge0("GET", "/config_info", token).json().path("maintenance_mode").asBoolean()).isFalse();
    }
}
