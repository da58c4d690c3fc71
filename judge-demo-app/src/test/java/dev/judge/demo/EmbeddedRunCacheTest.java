package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.demo.support.EmbeddedServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/runs} answers an identical run from its result cache, and a changed one by running it. */
@EmbeddedServerTest
class EmbeddedRunCacheTest extends JudgingSupport {

    @Test
    void anIdenticalRunIsAnsweredFromTheCache() {
        String user = userToken();
        String source = SUM_C + "/* " + java.util.UUID.randomUUID() + " */\n"; // a run no other test made
        JsonNode first = run(user, source, "20 22\n");
        assertThat(first.path("stdout").asText()).isEqualTo("42\n");
        assertThat(first.path("cached").asBoolean()).isFalse();
        JsonNode again = run(user, source, "20 22\n");
        assertThat(again.path("cached").asBoolean()).isTrue();
        assertThat(again.path("stdout").asText()).isEqualTo("42\n");
        assertThat(again.path("cpuTimeMillis").asLong()).isEqualTo(first.path("cpuTimeMillis").asLong());
        JsonNode other = run(user, source, "1 1\n");
        assertThat(other.path("cached").asBoolean()).isFalse();
        assertThat(other.path("stdout").asText()).isEqualTo("2\n");
    }

    private JsonNode run(String token, String source, String stdin) {
        Response r = postJson("/api/v1/runs", token, json(Map.of("languageId", "c", "source", source, "stdin", stdin)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
