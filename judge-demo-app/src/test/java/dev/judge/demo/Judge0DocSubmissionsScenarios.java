package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Judge0's documentation, group "Submissions": the 33 submission attributes, create (with {@code wait} and
 * {@code base64_encoded}), get (default attributes, {@code fields}), get submissions (pages), delete, and the
 * submission batch endpoints, each with the documentation's own examples. The documentation's C examples use
 * language 4, an id Judge0 1.13.1 no longer has; they run here as C (GCC 9.2.0), id 50.
 */
abstract class Judge0DocSubmissionsScenarios extends Judge0DocClient {
    static final String HELLO_C = "#include <stdio.h>\n\nint main(void) {\n  char name[10];\n  scanf(\"%s\", name);\n"
            + "  printf(\"hello, %s\\n\", name);\n  return 0;\n}";
    /** The documentation's attributes 1-33 in its table's order. */
    static final List<String> ATTRIBUTES = List.of("source_code", "language_id", "compiler_options",
            "command_line_arguments", "stdin", "expected_output", "cpu_time_limit", "cpu_extra_time",
            "wall_time_limit", "memory_limit", "stack_limit", "max_processes_and_or_threads",
            "enable_per_process_and_thread_time_limit", "enable_per_process_and_thread_memory_limit", "max_file_size",
            "redirect_stderr_to_stdout", "enable_network", "number_of_runs", "additional_files", "callback_url",
            "stdout", "stderr", "compile_output", "message", "exit_code", "exit_signal", "status", "created_at",
            "finished_at", "token", "time", "wall_time", "memory");
    /** "By default Judge0 is sending 8 attributes for submission." */
    static final List<String> DEFAULT_ATTRIBUTES = List.of("stdout", "time", "memory", "stderr", "token",
            "compile_output", "message", "status");

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static ObjectNode hello(String name) {
        return submission(HELLO_C, 50).put("stdin", name).put("expected_output", "hello, " + name);
    }

    @Test
    void createThenGetAnswersTheEightDefaultAttributes() {
        Response created = judge0("POST", "/submissions", submission(HELLO_C, 50).put("stdin", "world").toString());
        assertThat(created.status()).isEqualTo(201);
        assertThat(keys(created.json())).containsExactly("token");
        JsonNode done = await(created.json().path("token").asText(), "");
        assertThat(keys(done)).containsExactlyInAnyOrderElementsOf(DEFAULT_ATTRIBUTES);
        assertThat(done.path("stdout").asText()).isEqualTo("hello, world\n");
        assertThat(done.path("stderr").isNull()).isTrue();
        assertThat(done.path("compile_output").isNull()).isTrue();
        assertThat(done.path("message").isNull()).isTrue();
        assertThat(done.path("status").path("id").asInt()).isEqualTo(3);
        assertThat(done.path("status").path("description").asText()).isEqualTo("Accepted");
        assertThat(done.path("time").isTextual()).as("time is a decimal string").isTrue();
        assertThat(done.path("memory").isIntegralNumber()).isTrue();
    }

    @Test
    void createRefusalsOfTheDocumentation() {
        ObjectNode noLanguage = JSON.createObjectNode().put("source_code", HELLO_C);
        refused(noLanguage, "language_id", "can't be blank");
        refused(hello("world").put("language_id", 150000), "language_id", "language with id 150000 doesn't exist");
        // the documentation's example names its host's maximum (150); this server's is in its configuration
        double maxWall = judge0("GET", "/config_info", null).json().path("max_wall_time_limit").asDouble();
        refused(hello("Judge0").put("number_of_runs", 1).put("cpu_time_limit", 1).put("cpu_extra_time", 0.5)
                .put("wall_time_limit", 100000).put("memory_limit", 128000).put("stack_limit", 128000)
                .put("enable_per_process_and_thread_time_limit", false)
                .put("enable_per_process_and_thread_memory_limit", false).put("max_file_size", 1024),
                "wall_time_limit", "must be less than or equal to " + maxWall);
    }

    @Test
    void base64EncodedOnTheWayInAndOut() {
        ObjectNode body = submission(b64(HELLO_C), 50).put("stdin", b64("Judge0"));
        String token = create(body, "?base64_encoded=true");
        JsonNode done = await(token, "?base64_encoded=true");
        // the documentation's example answer, Ruby's encode64 with its newline
        assertThat(done.path("stdout").asText()).isEqualTo("aGVsbG8sIEp1ZGdlMAo=\n");
        assertThat(await(token, "").path("stdout").asText()).isEqualTo("hello, Judge0\n");
    }

    @Test
    void waitAnswersTheFinishedSubmission() {
        Response r = judge0("POST", "/submissions?wait=true", hello("Judge0").toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode done = r.json();
        assertThat(keys(done)).containsExactlyInAnyOrderElementsOf(DEFAULT_ATTRIBUTES);
        assertThat(done.path("stdout").asText()).isEqualTo("hello, Judge0\n");
        assertThat(done.path("status").path("id").asInt()).isEqualTo(3);
    }

    @Test
    void fieldsSelectAttributesAndStarSelectsAllThirtyThree() {
        String token = create(hello("world"), "");
        await(token, "");
        JsonNode some = judge0("GET", "/submissions/" + token + "?fields=stdout,stderr,status_id,language_id", null)
                .json();
        assertThat(keys(some)).containsExactly("stdout", "stderr", "status_id", "language_id");
        assertThat(some.path("status_id").asInt()).isEqualTo(3);
        assertThat(some.path("language_id").asInt()).isEqualTo(50);
        JsonNode all = judge0("GET", "/submissions/" + token + "?fields=*", null).json();
        assertThat(keys(all)).containsAll(ATTRIBUTES);
        assertThat(all.path("finished_at").isNull()).isFalse();
        assertThat(all.path("expected_output").asText()).isEqualTo("hello, world");
        assertThat(all.path("exit_code").asInt()).isZero();
        assertThat(all.path("wall_time").isTextual()).isTrue();
    }

    @Test
    void getSubmissionsPagesWithMetaForAdministrators() {
        for (int i = 0; i < 3; i++) {
            await(create(hello("page" + i), ""), "");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/judge0/submissions?page=1&per_page=2"
                + "&fields=status,language,time")).header("X-Auth-Token", TOKEN).header("X-Auth-User", ADMIN_USER);
        Response r = send(b.GET());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode page = r.json();
        assertThat(page.path("submissions")).hasSize(2).allSatisfy(s -> {
            assertThat(keys(s)).containsExactlyInAnyOrder("time", "status", "language");
            assertThat(keys(s.path("language"))).containsExactly("id", "name");
        });
        JsonNode meta = page.path("meta");
        assertThat(keys(meta)).containsExactly("current_page", "next_page", "prev_page", "total_pages",
                "total_count");
        assertThat(meta.path("current_page").asInt()).isEqualTo(1);
        assertThat(meta.path("prev_page").isNull()).isTrue();
        assertThat(meta.path("total_count").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void deleteAnswersTheSubmissionBase64EncodedThenItIsGone() {
        String token = create(hello("Judge0"), "");
        await(token, "");
        Response deleted = judge0("DELETE", "/submissions/" + token, null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().path("stdout").asText()).isEqualTo("aGVsbG8sIEp1ZGdlMAo=\n");
        assertThat(judge0("GET", "/submissions/" + token, null).status()).isEqualTo(404);
    }

    @Test
    void batchesOfTheDocumentation() {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("submissions").add(submission("echo hello from Bash", 46))
                .add(submission("print(\"hello from Python\")", 71)).add(submission("puts(\"hello from Ruby\")", 72));
        Response created = judge0("POST", "/submissions/batch", body.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        List<String> tokens = new ArrayList<>();
        created.json().forEach(t -> tokens.add(t.path("token").asText()));
        assertThat(tokens).hasSize(3).doesNotContain("");
        tokens.forEach(t -> await(t, ""));
        JsonNode read = judge0("GET", "/submissions/batch?tokens=" + String.join(",", tokens)
                + "&fields=token,stdout,stderr,status_id,language_id", null).json();
        JsonNode subs = read.path("submissions");
        assertThat(subs).hasSize(3);
        assertThat(subs.get(0).path("stdout").asText()).isEqualTo("hello from Bash\n");
        assertThat(subs.get(1).path("stdout").asText()).isEqualTo("hello from Python\n");
        assertThat(subs.get(2).path("stdout").asText()).isEqualTo("hello from Ruby\n");
        assertThat(subs).allSatisfy(s -> {
            assertThat(keys(s)).containsExactlyInAnyOrder("token", "stdout", "stderr", "status_id", "language_id");
            assertThat(s.path("status_id").asInt()).isEqualTo(3);
        });

        ObjectNode mixed = JSON.createObjectNode();
        mixed.putArray("submissions").add(submission("echo hello from Bash", 46))
                .add(submission("print(\"hello from Python\")", 123456789)).add(submission("", 72));
        JsonNode items = judge0("POST", "/submissions/batch", mixed.toString()).json();
        assertThat(items).hasSize(3);
        assertThat(items.get(0).path("token").asText()).isNotEmpty();
        assertThat(items.get(1).path("language_id").get(0).asText())
                .contains("language with id 123456789 doesn't exist");
        assertThat(items.get(2).path("source_code").get(0).asText()).isEqualTo("can't be blank");
    }
}
