package dev.judge.demo.judge0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.TestDocument;
import dev.judge.demo.web.ApiException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A submission's fields as Judge0 CE 1.13.1 serializes them: the names, order, types, nulls and formats of
 * {@code app/serializers/submission_serializer.rb} over the {@code submissions} table of {@code db/schema.rb},
 * and Ruby's printing of decimals, times and base64.
 */
public class Judge0ViewsTest {
    /** {@code Submission.column_names + ["status", "language"] - ["id"]}, in {@code db/schema.rb}'s column order. */
    public static final List<String> JUDGE0_1_13_1_SUBMISSION_FIELDS = List.of("source_code", "language_id", "stdin",
            "expected_output", "stdout", "status_id", "created_at", "finished_at", "time", "memory", "stderr",
            "token", "number_of_runs", "cpu_time_limit", "cpu_extra_time", "wall_time_limit", "memory_limit",
            "stack_limit", "max_processes_and_or_threads", "enable_per_process_and_thread_time_limit",
            "enable_per_process_and_thread_memory_limit", "max_file_size", "compile_output", "exit_code",
            "exit_signal", "message", "wall_time", "compiler_options", "command_line_arguments",
            "redirect_stderr_to_stdout", "callback_url", "additional_files", "enable_network", "status", "language");
    /** {@code SubmissionSerializer.default_fields}. */
    static final List<String> JUDGE0_1_13_1_DEFAULT_FIELDS = List.of("token", "time", "memory", "stdout", "stderr",
            "compile_output", "message", "status");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Judge0Limits LIMITS = new Judge0Limits(5, 1, 10, 128_000, 64_000, 60, 1024, 1, false);
    private static final Instant CREATED = Instant.parse("2026-12-07T01:02:03.456789Z");

    private static Judge0Row row(ResultDocument result) {
        return new Judge0Row("d85cd024-1548-4165-96c7-7bc88673f194", 71, "python3", "print(input())", "hi\n", null,
                LIMITS, null, result, CREATED, result == null ? null : CREATED.plusMillis(1500));
    }

    private static ResultDocument finished(String verdict, TestDocument test, String compileOutput) {
        return new ResultDocument("FINISHED", verdict, null, 0, 1, compileOutput,
                test == null ? List.of() : List.of(test), CREATED, List.of(), null);
    }

    private static TestDocument test(String verdict, long cpu, long wall, int exit, int signal, String out,
            String err) {
        return new TestDocument("1", verdict, null, 1, cpu, wall, 3_456, exit, signal, out, err, null);
    }

    private static JsonNode json(Map<String, Object> view) {
        return JSON.valueToTree(Judge0Views.named(view, id -> id == 71 ? "Python (3.11.2)" : null));
    }

    @Test
    void everyFieldInJudge0sOrderAndTheDefaultFields() {
        Map<String, Object> all = Judge0Views.all(row(null), null);
        assertThat(List.copyOf(all.keySet())).isEqualTo(JUDGE0_1_13_1_SUBMISSION_FIELDS);
        assertThat(Judge0Views.FIELDS).isEqualTo(JUDGE0_1_13_1_SUBMISSION_FIELDS);
        assertThat(Judge0Views.DEFAULT_FIELDS).isEqualTo(JUDGE0_1_13_1_DEFAULT_FIELDS);
        assertThat(Judge0Views.select(all, null, false).keySet()).containsExactlyElementsOf(JUDGE0_1_13_1_DEFAULT_FIELDS);
        assertThat(Judge0Views.select(all, "", false).keySet()).containsExactlyElementsOf(JUDGE0_1_13_1_DEFAULT_FIELDS);
        assertThat(Judge0Views.select(all, "*", false).keySet()).containsExactlyElementsOf(JUDGE0_1_13_1_SUBMISSION_FIELDS);
        assertThat(Judge0Views.select(all, "stdout,*", false).keySet())
                .containsExactlyElementsOf(JUDGE0_1_13_1_SUBMISSION_FIELDS);
        assertThat(Judge0Views.select(all, "status_id, token", false).keySet()).containsExactly("status_id", "token");
    }

    @Test
    void unknownFieldsAre400WithJudge0sWording() {
        assertThatThrownBy(() -> Judge0Views.checkFields("stdout,nonsense,id"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("invalid fields: [nonsense, id]");
                });
    }

    @Test
    void aQueuedSubmissionHasNullResultsAndTheDefaultLimits() {
        JsonNode n = json(Judge0Views.all(row(null), null));
        assertThat(n.path("status").toString()).isEqualTo("{\"id\":1,\"description\":\"In Queue\"}");
        assertThat(n.path("status_id").asInt()).isEqualTo(1);
        for (String f : List.of("stdout", "stderr", "compile_output", "message", "exit_code", "exit_signal", "time",
                "wall_time", "memory", "finished_at", "expected_output", "compiler_options", "command_line_arguments",
                "callback_url", "additional_files")) {
            assertThat(n.path(f).isNull()).as(f).isTrue();
        }
        assertThat(n.path("created_at").asText()).isEqualTo("2026-12-07T01:02:03.456Z");
        // decimal columns are strings, as Rails renders a BigDecimal
        assertThat(n.path("cpu_time_limit").isTextual()).isTrue();
        assertThat(n.path("cpu_time_limit").asText()).isEqualTo("5.0");
        assertThat(n.path("cpu_extra_time").asText()).isEqualTo("1.0");
        assertThat(n.path("wall_time_limit").asText()).isEqualTo("10.0");
        assertThat(n.path("memory_limit").isIntegralNumber()).isTrue();
        assertThat(n.path("memory_limit").asLong()).isEqualTo(128_000);
        assertThat(n.path("stack_limit").asLong()).isEqualTo(64_000);
        assertThat(n.path("max_processes_and_or_threads").asInt()).isEqualTo(60);
        assertThat(n.path("max_file_size").asLong()).isEqualTo(1024);
        assertThat(n.path("number_of_runs").asInt()).isEqualTo(1);
        assertThat(n.path("enable_per_process_and_thread_time_limit").isBoolean()).isTrue();
        assertThat(n.path("redirect_stderr_to_stdout").isBoolean()).isTrue();
        assertThat(n.path("enable_network").isBoolean()).isTrue();
        assertThat(n.path("language").toString()).isEqualTo("{\"id\":71,\"name\":\"Python (3.11.2)\"}");
    }

    @Test
    void anAcceptedRunAsJudge0ShowsIt() {
        JsonNode n = json(Judge0Views.all(row(finished("AC", test("AC", 10, 23, 0, 0, "hi\n", ""), "")), null));
        assertThat(n.path("status").toString()).isEqualTo("{\"id\":3,\"description\":\"Accepted\"}");
        assertThat(n.path("stdout").asText()).isEqualTo("hi\n");
        assertThat(n.path("stderr").isNull()).as("empty stderr is null").isTrue();
        assertThat(n.path("compile_output").isNull()).as("empty compile output is null").isTrue();
        assertThat(n.path("time").asText()).isEqualTo("0.01");
        assertThat(n.path("wall_time").asText()).isEqualTo("0.023");
        assertThat(n.path("memory").isIntegralNumber()).isTrue();
        assertThat(n.path("memory").asLong()).isEqualTo(3_456);
        assertThat(n.path("exit_code").isIntegralNumber()).isTrue();
        assertThat(n.path("exit_code").asInt()).isZero();
        assertThat(n.path("exit_signal").isNull()).isTrue();
        assertThat(n.path("message").isNull()).isTrue();
        assertThat(n.path("finished_at").asText()).isEqualTo("2026-12-07T01:02:04.956Z");
    }

    @Test
    void runtimeErrorsCarryIsolatesMessageAndTheSignalStatus() {
        JsonNode segv = json(Judge0Views.all(row(finished("RE", test("RE", 1, 2, -1, 11, "", "boom"), "")), null));
        assertThat(segv.path("status").toString()).isEqualTo("{\"id\":7,\"description\":\"Runtime Error (SIGSEGV)\"}");
        assertThat(segv.path("exit_signal").asInt()).isEqualTo(11);
        assertThat(segv.path("exit_code").asInt()).as("a signal leaves Judge0's exit code 0").isZero();
        assertThat(segv.path("message").asText()).isEqualTo("Caught fatal signal 11");
        assertThat(segv.path("stdout").isNull()).isTrue();
        assertThat(segv.path("stderr").asText()).isEqualTo("boom");

        JsonNode nzec = json(Judge0Views.all(row(finished("RE", test("RE", 1, 2, 3, 0, "x", ""), "")), null));
        assertThat(nzec.path("status").path("id").asInt()).isEqualTo(11);
        assertThat(nzec.path("message").asText()).isEqualTo("Exited with error status 3");

        JsonNode ce = json(Judge0Views.all(row(finished("CE", null, "main.c:1: error")), null));
        assertThat(ce.path("status").toString()).isEqualTo("{\"id\":6,\"description\":\"Compilation Error\"}");
        assertThat(ce.path("compile_output").asText()).isEqualTo("main.c:1: error");
        for (String f : List.of("stdout", "stderr", "time", "wall_time", "memory", "exit_code", "exit_signal")) {
            assertThat(ce.path(f).isNull()).as(f).isTrue();
        }
    }

    @Test
    void base64IsRubysEncode64OnEveryTextField() {
        String longOut = "x".repeat(100);
        Map<String, Object> all = Judge0Views.named(Judge0Views.all(
                row(finished("WA", test("WA", 1, 1, 0, 0, longOut, "err"), "")), null), id -> "Python");
        Map<String, Object> b = Judge0Views.select(all, "*", true);
        String encoded = (String) b.get("stdout");
        assertThat(encoded).isEqualTo(rubyEncode64(longOut));
        assertThat(encoded.split("\n")[0]).hasSize(60);
        assertThat(encoded).endsWith("\n");
        assertThat(new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8)).isEqualTo(longOut);
        assertThat(b.get("source_code")).isEqualTo(rubyEncode64("print(input())"));
        assertThat(b.get("stdin")).isEqualTo(rubyEncode64("hi\n"));
        assertThat(b.get("stderr")).isEqualTo(rubyEncode64("err"));
        assertThat(b.get("expected_output")).isNull();
        assertThat(b.get("token")).as("not a text field").isEqualTo("d85cd024-1548-4165-96c7-7bc88673f194");
        assertThat(Judge0Views.encode64(new byte[0])).isEmpty();
        assertThat(Judge0Views.encode64("hello, Judge0\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("aGVsbG8sIEp1ZGdlMAo=\n"); // the example of Judge0's API documentation
    }

    @Test
    void decimalsPrintAsRuby() {
        assertThat(Judge0Views.rubyDecimal(new BigDecimal("5"))).isEqualTo("5.0");
        assertThat(Judge0Views.rubyDecimal(new BigDecimal("0.010"))).isEqualTo("0.01");
        assertThat(Judge0Views.rubyDecimal(new BigDecimal("0.000"))).isEqualTo("0.0");
        assertThat(Judge0Views.rubyDecimal(new BigDecimal("12.5"))).isEqualTo("12.5");
        assertThat(Judge0Views.rubyDecimal(new BigDecimal("100"))).isEqualTo("100.0");
    }

    @Test
    void everyStatusAsJudge0sEnumeration() {
        // app/enumerations/status.rb
        assertThat(Judge0Status.ALL.stream().map(s -> s.id() + " " + s.description()).toList()).containsExactly(
                "1 In Queue", "2 Processing", "3 Accepted", "4 Wrong Answer", "5 Time Limit Exceeded",
                "6 Compilation Error", "7 Runtime Error (SIGSEGV)", "8 Runtime Error (SIGXFSZ)",
                "9 Runtime Error (SIGFPE)", "10 Runtime Error (SIGABRT)", "11 Runtime Error (NZEC)",
                "12 Runtime Error (Other)", "13 Internal Error", "14 Exec Format Error");
    }

    /** What Ruby's {@code Base64.encode64} returns, written from its definition ({@code [s].pack("m")}). */
    private static String rubyEncode64(String s) {
        String plain = Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < plain.length(); i += 60) {
            sb.append(plain, i, Math.min(i + 60, plain.length())).append('\n');
        }
        return sb.toString();
    }
}
