package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.ServerSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Judge0 CE 1.13-compatible API spoken as a Judge0 client speaks it: snake_case JSON over java.net.http,
 * {@code X-Auth-Token}, base64 on and off, wait on and off.
 */
abstract class Judge0Scenarios extends ServerSupport {
    static final String TOKEN = "j0-token-a";
    static final String ECHO_SUM = "#include <stdio.h>\nint main(void){int a,b;scanf(\"%d %d\",&a,&b);"
            + "printf(\"%d\\n\",a+b);return 0;}\n";

    @BeforeAll
    static void needsTheSandbox() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox judges the submissions)");
    }

    static ObjectNode submission(String source, int languageId, String stdin, String expected) {
        ObjectNode n = JSON.createObjectNode();
        n.put("source_code", source);
        n.put("language_id", languageId);
        if (stdin != null) {
            n.put("stdin", stdin);
        }
        if (expected != null) {
            n.put("expected_output", expected);
        }
        return n;
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String unb64(JsonNode n) {
        return new String(Base64.getMimeDecoder().decode(n.asText()), StandardCharsets.UTF_8);
    }

    JsonNode awaitJudge0(String token, String query) {
        return awaitJudge0(token, query, TOKEN);
    }

    @Test
    void aSubmissionBeingJudgedIsProcessing() {
        ObjectNode slow = submission(JudgingScenarios.SLOW_SUM_C, 50, "2 3\n", "5\n");
        slow.put("wall_time_limit", 20);
        Response created = judge0("POST", "/submissions", slow.toString(), TOKEN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().path("token").asText();

        java.util.List<Integer> seen = new java.util.ArrayList<>();
        JsonNode last;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        do {
            last = judge0("GET", "/submissions/" + token + "?fields=status,status_id", null, TOKEN).json();
            int status = last.path("status_id").asInt();
            if (seen.isEmpty() || seen.get(seen.size() - 1) != status) {
                seen.add(status);
            }
            if (status == 2) {
                assertThat(last.path("status").path("description").asText()).isEqualTo("Processing");
            }
            assertThat(System.nanoTime()).as("statuses so far %s", seen).isLessThan(deadline);
            JudgingScenarios.sleep(50);
        } while (last.path("status_id").asInt() <= 2);
        assertThat(seen).as("statuses in order").contains(2).endsWith(3);
        assertThat(seen.indexOf(2)).isLessThan(seen.indexOf(3));
    }

    @Test
    void createThenPollWithoutBase64() {
        Response created = judge0("POST", "/submissions", submission(ECHO_SUM, 50, "2 3\n", "5\n").toString(), TOKEN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().path("token").asText();
        assertThat(token).hasSize(36);

        JsonNode done = awaitJudge0(token, "");
        assertThat(done.path("status").path("id").asInt()).isEqualTo(3);
        assertThat(done.path("status").path("description").asText()).isEqualTo("Accepted");
        assertThat(done.path("stdout").asText()).isEqualTo("5\n");
        assertThat(done.path("time").asText()).matches("\\d+\\.\\d{1,3}"); // Ruby's BigDecimal#to_s: "0.01"
        assertThat(done.path("memory").asLong()).isPositive();
        assertThat(done.path("token").asText()).isEqualTo(token);
        assertThat(done.has("compile_output") && done.has("message") && done.has("stderr")).isTrue();
        assertThat(done.has("source_code")).isFalse(); // not among Judge0's default fields

        JsonNode all = judge0("GET", "/submissions/" + token + "?fields=*", null, TOKEN).json();
        assertThat(all.path("source_code").asText()).isEqualTo(ECHO_SUM);
        assertThat(all.path("language_id").asInt()).isEqualTo(50);
        assertThat(all.path("exit_code").asInt()).isZero();
        assertThat(all.path("wall_time").asText()).matches("\\d+\\.\\d{1,3}");
        assertThat(all.path("cpu_time_limit").asDouble()).isEqualTo(5.0);
        JsonNode some = judge0("GET", "/submissions/" + token + "?fields=stdout,status_id", null, TOKEN).json();
        assertThat(some.size()).isEqualTo(2);
        assertThat(some.path("status_id").asInt()).isEqualTo(3);
        judge0("GET", "/submissions/" + token + "?fields=nonsense", null, TOKEN).problem(400);
    }

    @Test
    void waitWithBase64AndTheVerdictStatuses() {
        ObjectNode wrong = submission(b64(ECHO_SUM), 52, b64("1 1\n"), b64("3\n"));
        Response r = judge0("POST", "/submissions?base64_encoded=true&wait=true", wrong.toString(), TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode n = r.json();
        assertThat(n.path("status").path("id").asInt()).isEqualTo(4);
        assertThat(unb64(n.path("stdout"))).isEqualTo("2\n");

        JsonNode ce = judge0("POST", "/submissions?wait=true",
                submission("int main( {", 50, "", null).toString(), TOKEN).json();
        assertThat(ce.path("status").path("id").asInt()).isEqualTo(6);
        assertThat(ce.path("compile_output").asText()).isNotBlank();

        JsonNode segv = judge0("POST", "/submissions?wait=true&fields=status,exit_signal,message",
                submission("int main(void){volatile int *p=0;*p=1;return 0;}", 50, "", null).toString(), TOKEN).json();
        assertThat(segv.path("status").path("id").asInt()).as(segv.toString()).isEqualTo(7);
        assertThat(segv.path("exit_signal").asInt()).isEqualTo(11);

        JsonNode nzec = judge0("POST", "/submissions?wait=true&fields=status,exit_code",
                submission("int main(void){return 4;}", 50, "", null).toString(), TOKEN).json();
        assertThat(nzec.path("status").path("id").asInt()).isEqualTo(11);
        assertThat(nzec.path("exit_code").asInt()).isEqualTo(4);

        JsonNode tle = judge0("POST", "/submissions?wait=true&fields=status,time",
                submission("int main(void){for(;;);}", 50, "", null).put("cpu_time_limit", 0.5).toString(), TOKEN)
                .json();
        assertThat(tle.path("status").path("id").asInt()).isEqualTo(5);
    }

    @Test
    void everyFieldWithJudge0sTypesUnderFieldsStarAndBase64() {
        Response r = judge0("POST", "/submissions?wait=true&fields=*&base64_encoded=true",
                submission(b64(ECHO_SUM), 50, b64("20 22\n"), b64("42\n")).toString(), TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode n = r.json();
        java.util.List<String> keys = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(dev.judge.demo.judge0.Judge0ViewsTest.JUDGE0_1_13_1_SUBMISSION_FIELDS);
        assertThat(n.path("status").path("id").asInt()).as(n.toString()).isEqualTo(3);
        assertThat(n.path("status_id").asInt()).isEqualTo(3);
        assertThat(n.path("stdout").asText()).isEqualTo(b64("42\n") + "\n"); // Ruby's encode64 ends lines in \n
        assertThat(unb64(n.path("source_code"))).isEqualTo(ECHO_SUM);
        assertThat(n.path("stderr").isNull() && n.path("compile_output").isNull() && n.path("message").isNull())
                .as("empty outputs are null").isTrue();
        for (String decimal : new String[] {"time", "wall_time", "cpu_time_limit", "cpu_extra_time",
                "wall_time_limit"}) {
            assertThat(n.path(decimal).asText()).as(decimal).matches("\\d+\\.\\d+");
        }
        for (String integer : new String[] {"memory", "exit_code", "memory_limit", "stack_limit", "number_of_runs",
                "max_processes_and_or_threads", "max_file_size", "language_id"}) {
            assertThat(n.path(integer).isIntegralNumber()).as(integer).isTrue();
        }
        assertThat(n.path("exit_signal").isNull()).isTrue();
        assertThat(n.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(n.path("finished_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(n.path("language").path("id").asInt()).isEqualTo(50);
        assertThat(n.path("language").path("name").asText()).startsWith("C");

        // deleting answers base64, as Judge0 forces it
        Response deleted = judge0("DELETE", "/submissions/" + n.path("token").asText() + "?fields=stdout", null, TOKEN);
        assertThat(deleted.json().path("stdout").asText()).isEqualTo(b64("42\n") + "\n");
    }

    @Test
    void batchesKeepOrderAndReportItemErrors() {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("submissions")
                .add(submission(b64(ECHO_SUM), 50, b64("1 2\n"), b64("3\n")))
                .add(submission(b64(ECHO_SUM), 9999, b64("1 2\n"), null))
                .add(submission(b64(ECHO_SUM), 54, b64("5 5\n"), b64("10\n")));
        Response created = judge0("POST", "/submissions/batch?base64_encoded=true", body.toString(), TOKEN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode items = created.json();
        assertThat(items).hasSize(3);
        String first = items.get(0).path("token").asText();
        String third = items.get(2).path("token").asText();
        assertThat(items.get(1).path("language_id").get(0).asText()).contains("9999");
        awaitJudge0(first, "");
        awaitJudge0(third, "");

        String unknown = UUID.randomUUID().toString();
        JsonNode read = judge0("GET", "/submissions/batch?tokens=" + first + "," + unknown + "," + third
                + "&base64_encoded=true&fields=token,stdout,status_id", null, TOKEN).json();
        JsonNode subs = read.path("submissions");
        assertThat(subs).hasSize(3);
        assertThat(subs.get(0).path("token").asText()).isEqualTo(first);
        assertThat(unb64(subs.get(0).path("stdout"))).isEqualTo("3\n");
        assertThat(subs.get(1).isNull()).isTrue();
        assertThat(unb64(subs.get(2).path("stdout"))).isEqualTo("10\n");
        assertThat(subs.get(2).path("status_id").asInt()).isEqualTo(3);
    }

    @Test
    void deleteAndInformationEndpoints() {
        String token = judge0("POST", "/submissions?wait=true&fields=token",
                submission(ECHO_SUM, 50, "1 1", "2").toString(), TOKEN).json().path("token").asText();
        Response deleted = judge0("DELETE", "/submissions/" + token + "?fields=token,status", null, TOKEN);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().path("token").asText()).isEqualTo(token);
        judge0("GET", "/submissions/" + token, null, TOKEN).problem(404);

        JsonNode languages = judge0("GET", "/languages", null, TOKEN).json();
        assertThat(languages.findValuesAsText("id")).contains("50", "54");
        JsonNode c = judge0("GET", "/languages/50", null, TOKEN).json();
        assertThat(c.path("name").asText()).startsWith("C");
        assertThat(c.path("source_file").asText()).isEqualTo("main.c");
        judge0("GET", "/languages/9999", null, TOKEN).problem(404);

        JsonNode statuses = judge0("GET", "/statuses", null, TOKEN).json();
        assertThat(statuses).hasSize(14);
        assertThat(statuses.get(10).path("description").asText()).isEqualTo("Runtime Error (NZEC)");

        JsonNode config = judge0("GET", "/config_info", null, TOKEN).json();
        for (String field : new String[] {"enable_wait_result", "enable_compiler_options",
                "allowed_languages_for_compile_options", "enable_command_line_arguments", "enable_submission_delete",
                "enable_callbacks", "callbacks_max_tries", "callbacks_timeout", "enable_additional_files",
                "max_queue_size", "cpu_time_limit", "max_cpu_time_limit", "cpu_extra_time", "max_cpu_extra_time",
                "wall_time_limit", "max_wall_time_limit", "memory_limit", "max_memory_limit", "stack_limit",
                "max_stack_limit", "max_processes_and_or_threads", "max_max_processes_and_or_threads",
                "enable_per_process_and_thread_time_limit", "allow_enable_per_process_and_thread_time_limit",
                "enable_per_process_and_thread_memory_limit", "allow_enable_per_process_and_thread_memory_limit",
                "max_file_size", "max_max_file_size", "number_of_runs", "max_number_of_runs",
                "redirect_stderr_to_stdout", "max_extract_size", "enable_batched_submissions",
                "max_submission_batch_size", "submission_cache_duration", "use_docs_as_homepage",
                "allow_enable_network", "enable_network"}) {
            assertThat(config.has(field)).as(field).isTrue();
        }
        assertThat(judge0("GET", "/about", null, TOKEN).json().path("version").asText()).isEqualTo("1.13.1");
    }

    @Test
    void theAuthTokenAndBadInput() {
        judge0("GET", "/statuses", null, null).problem(401);
        judge0("GET", "/statuses", null, "wrong").problem(401);
        assertThat(judge0("GET", "/statuses", null, "j0-token-b").status()).isEqualTo(200);
        // an account's token is not a Judge0 token
        judge0("GET", "/statuses", null, adminToken()).problem(401);

        JudgingScenarios.assertField(judge0("POST", "/submissions",
                submission(ECHO_SUM, 9999, "", null).toString(), TOKEN).problem(422), "language_id");
        JudgingScenarios.assertField(judge0("POST", "/submissions",
                submission("", 50, "", null).toString(), TOKEN).problem(422), "source_code");
        JudgingScenarios.assertField(judge0("POST", "/submissions?base64_encoded=true",
                submission("%%% not base64", 50, "", null).toString(), TOKEN).problem(422), "source_code");
        JudgingScenarios.assertField(judge0("POST", "/submissions",
                submission(ECHO_SUM, 50, "", null).put("memory_limit", 99_000_000).toString(), TOKEN).problem(422),
                "memory_limit");
        // network is off unless judge.judge0.allow-enable-network is set (Judge0's words)
        JsonNode noNetwork = judge0("POST", "/submissions",
                submission(ECHO_SUM, 50, "", null).put("enable_network", true).toString(), TOKEN).problem(422);
        JudgingScenarios.assertField(noNetwork, "enable_network");
        assertThat(noNetwork.toString()).contains("enabling network is not allowed");
        JudgingScenarios.assertField(judge0("POST", "/submissions",
                submission(ECHO_SUM, 50, "", null).put("compiler_options", "-O3; id").toString(), TOKEN).problem(422),
                "compiler_options");
        JudgingScenarios.assertField(judge0("POST", "/submissions", submission(ECHO_SUM, 50, "", null)
                .put("callback_url", "http://192.168.1.1/x").toString(), TOKEN).problem(422), "callback_url");
        judge0("POST", "/submissions", "{not json", TOKEN).problem(400);
    }
}
