package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.ServerSupport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * A Judge0 client as Judge0's API documentation ({@code docs/api} of judge0/judge0 1.13.1) tells one to speak:
 * snake_case JSON, {@code X-Auth-Token}, the query parameters {@code base64_encoded}, {@code wait} and
 * {@code fields}. The {@code Judge0Doc*} suites each follow one documented area; each runs on the embedded default
 * and on {@code postgres,redis}, sharing those servers with the other Judge0 request tests.
 */
abstract class Judge0DocClient extends ServerSupport {
    static final String TOKEN = "j0-token-a";
    static final String ADMIN_USER = "j0-authz-token";

    @BeforeAll
    static void needsTheSandbox() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox judges the submissions)");
    }

    Response judge0(String method, String path, String body) {
        return judge0(method, path, body, TOKEN);
    }

    static ObjectNode submission(String source, int languageId) {
        ObjectNode n = JSON.createObjectNode();
        if (source != null) {
            n.put("source_code", source);
        }
        n.put("language_id", languageId);
        return n;
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String unb64(JsonNode n) {
        return new String(Base64.getMimeDecoder().decode(n.asText()), StandardCharsets.UTF_8);
    }

    /** Creates the submission and answers its token. */
    String create(ObjectNode body, String query) {
        Response r = judge0("POST", "/submissions" + query, body.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("token").asText();
    }

    JsonNode await(String token, String query) {
        return awaitJudge0(token, query, TOKEN);
    }

    JsonNode judged(ObjectNode body, String fields) {
        return await(create(body, ""), "?fields=" + fields);
    }

    /** Asserts a 422 naming the field with a message holding {@code words}. */
    void refused(ObjectNode body, String field, String words) {
        JsonNode p = judge0("POST", "/submissions", body.toString()).problem(422);
        List<String> messages = new ArrayList<>();
        p.path("errors").forEach(e -> {
            if (e.path("field").asText().equals(field)) {
                messages.add(e.path("message").asText());
            }
        });
        assertThat(messages).as(p.toString()).anySatisfy(m -> assertThat(m).contains(words));
    }

    static int status(JsonNode n) {
        return n.path("status").path("id").asInt();
    }
}
