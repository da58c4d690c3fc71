package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.ServerSupport;
import dev.judge.demo.support.TempDataDir;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * Back-pressure over real HTTP: the judge bounded at three waiting jobs ({@code judge.queue.max-depth}, its depth
 * read on every submission) and no worker taking them, so the queue fills. Both APIs share the queue; once it holds
 * three jobs each answers 429 with Retry-After and the judge's reason as Problem Details (with Judge0's
 * {@code error} member on the Judge0 API), and nothing more is queued.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "judge.demo.admin-password=" + ServerSupport.ADMIN_PASSWORD,
        "judge.demo.rate-limit.enabled=false",
        "judge.worker.enabled=false",
        "judge.queue.max-depth=3",
        "judge.queue.depth-refresh=0",
        "judge.judge0.open=true"})
@ContextConfiguration(initializers = TempDataDir.class)
class QueueFullOverHttpTest extends ServerSupport {
    private static final String SUM = "a, b = map(int, input().split())\nprint(a + b)\n";

    @Autowired
    JobQueue queue;

    @BeforeAll
    static void needsTheSandbox() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox the server starts)");
    }

    private Response submit(String token, long problem) {
        return postJson("/api/v1/submissions", token,
                json(Map.of("problemId", problem, "languageId", "python3", "source", SUM)));
    }

    private Response judge0Submit() {
        return postJson("/judge0/submissions", null,
                json(Map.of("source_code", SUM, "language_id", 71, "stdin", "1 2\n", "expected_output", "3\n")));
    }

    private static JsonNode assertQueueFull(Response r) {
        JsonNode problem = r.problem(429);
        assertThat(problem.path("detail").asText()).isEqualTo(
                "the judge's queue holds 3 jobs, at or over its bound of 3; try again later");
        assertThat(problem.has("requestId")).isTrue();
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        return problem;
    }

    @Test
    void theSubmissionPastTheBoundGets429OnBothApis() {
        String admin = login("admin", ADMIN_PASSWORD);
        long problem = createProblem(admin, "Sum");
        Response test = putJson("/api/v1/problems/" + problem + "/tests/1", admin,
                json(Map.of("input", "1 2\n", "expectedOutput", "3\n", "hidden", false)));
        assertThat(test.status()).as(test.body()).isBetween(200, 201);

        assertThat(get("/judge0/config_info", null).json().path("max_queue_size").asLong()).isEqualTo(3);
        for (int i = 0; i < 2; i++) {
            Response r = submit(admin, problem);
            assertThat(r.status()).as(r.body()).isEqualTo(202);
        }
        Response third = judge0Submit();
        assertThat(third.status()).as(third.body()).isEqualTo(201);

        assertQueueFull(submit(admin, problem));
        JsonNode judge0 = assertQueueFull(judge0Submit());
        assertThat(judge0.path("error").asText()).isEqualTo(judge0.path("detail").asText());
        assertThat(queue.depth()).as("nothing of the refused ones was queued").isEqualTo(3);
    }
}
