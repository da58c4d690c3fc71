package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.ServerSupport;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What scenarios that judge submissions over real HTTP share: programs, a problem, submitting, waiting. */
abstract class JudgingSupport extends ServerSupport {
    static final String SUM_C = "#include <stdio.h>\nint main(void){long a,b;if(scanf(\"%ld %ld\",&a,&b)!=2)return 3;"
            + "printf(\"%ld\\n\",a+b);return 0;}\n";
    static final String DIFF_C = "#include <stdio.h>\nint main(void){long a,b;scanf(\"%ld %ld\",&a,&b);"
            + "printf(\"%ld\\n\",a-b);return 0;}\n";
    /** Sleeps two seconds of wall time before answering, so pollers find it being judged. */
    static final String SLOW_SUM_C = "#include <stdio.h>\n#include <unistd.h>\nint main(void){long a,b;sleep(2);"
            + "if(scanf(\"%ld %ld\",&a,&b)!=2)return 3;printf(\"%ld\\n\",a+b);return 0;}\n";
    static final String BROKEN_C = "int main(void){ return undefined_name; }\n";

    @BeforeAll
    static void needsTheSandbox() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox judges the submissions)");
    }

    /** A problem "add two numbers" with a public test "1" and a hidden test "2"; returns its id. */
    protected long sumProblem(String admin) {
        long id = createProblem(admin, "Sum " + UUID.randomUUID());
        putTest(admin, id, "1", "1 2\n", "3\n", false);
        putTest(admin, id, "2", "40 2\n", "42\n", true);
        return id;
    }

    protected void putTest(String admin, long problem, String name, String input, String expected, boolean hidden) {
        Map<String, Object> body = new HashMap<>();
        body.put("input", input);
        body.put("expectedOutput", expected);
        body.put("hidden", hidden);
        Response r = putJson("/api/v1/problems/" + problem + "/tests/" + name, admin, json(body));
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }

    protected String submit(String token, long problem, String language, String source) {
        Response r = postJson("/api/v1/submissions", token,
                json(Map.of("problemId", problem, "languageId", language, "source", source)));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().path("id").asText();
        assertThat(r.json().path("status").asText()).isEqualTo("QUEUED");
        assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/submissions/" + id);
        return id;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
