package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.ServerSupport;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Judge0's information endpoints in the shapes Judge0 CE 1.13.1 answers them, with this server's values, and
 * Judge0's {@code error} member on refusals.
 */
@EmbeddedServerTest
class Judge0InformationTest extends ServerSupport {
    /**
     * The keys of {@code Config.config_info} in Judge0 CE 1.13.1 ({@code app/helpers/config.rb}), in order.
     * Judge0 clients build their configuration model from every one of them.
     */
    static final List<String> JUDGE0_1_13_1_CONFIG_INFO = List.of("maintenance_mode", "enable_wait_result",
            "enable_compiler_options", "allowed_languages_for_compile_options", "enable_command_line_arguments",
            "enable_submission_delete", "enable_callbacks", "callbacks_max_tries", "callbacks_timeout",
            "enable_additional_files", "max_queue_size", "cpu_time_limit", "max_cpu_time_limit", "cpu_extra_time",
            "max_cpu_extra_time", "wall_time_limit", "max_wall_time_limit", "memory_limit", "max_memory_limit",
            "stack_limit", "max_stack_limit", "max_processes_and_or_threads", "max_max_processes_and_or_threads",
            "enable_per_process_and_thread_time_limit", "allow_enable_per_process_and_thread_time_limit",
            "enable_per_process_and_thread_memory_limit", "allow_enable_per_process_and_thread_memory_limit",
            "max_file_size", "max_max_file_size", "number_of_runs", "max_number_of_runs", "redirect_stderr_to_stdout",
            "max_extract_size", "enable_batched_submissions", "max_submission_batch_size",
            "submission_cache_duration", "use_docs_as_homepage", "allow_enable_network", "enable_network");
    private static final String TOKEN = "j0-token-a";

    private JsonNode judge0(String path) {
        Response r = send(HttpRequest.newBuilder(uri("/judge0" + path)).header("X-Auth-Token", TOKEN).GET());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void configInfoHasExactlyJudge0sKeys() {
        JsonNode config = judge0("/config_info");
        assertThat(keys(config)).isEqualTo(JUDGE0_1_13_1_CONFIG_INFO);
        assertThat(config.path("maintenance_mode").isBoolean()).isTrue();
        assertThat(config.path("maintenance_mode").asBoolean()).isFalse();
        assertThat(config.path("allowed_languages_for_compile_options").isArray()).isTrue();
        assertThat(config.path("callbacks_timeout").isFloatingPointNumber()).isTrue();
        assertThat(config.path("cpu_time_limit").isNumber()).isTrue();
        assertThat(config.path("memory_limit").isIntegralNumber()).isTrue();
        assertThat(config.path("max_submission_batch_size").asInt()).isEqualTo(20);
    }

    @Test
    void versionIsPlainText() {
        Response r = send(HttpRequest.newBuilder(uri("/judge0/version")).header("X-Auth-Token", TOKEN).GET());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body()).isEqualTo("1.13.1");
    }

    @Test
    void allLanguagesByNameWithTheirArchivedFlag() {
        JsonNode all = judge0("/languages/all");
        assertThat(all.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        all.forEach(l -> {
            assertThat(keys(l)).containsExactly("id", "name", "is_archived");
            assertThat(l.path("is_archived").isBoolean()).isTrue();
            names.add(l.path("name").asText());
        });
        assertThat(names).isSorted();
        JsonNode active = judge0("/languages");
        assertThat(all.size()).isGreaterThanOrEqualTo(active.size());
        active.forEach(a -> assertThat(all.findValues("id").stream().map(JsonNode::asInt).toList())
                .contains(a.path("id").asInt()));
    }

    @Test
    void systemInfoIsLscpuAndFree() {
        JsonNode info = judge0("/system_info");
        assertThat(info.path("Architecture").asText()).isNotBlank();
        assertThat(info.path("CPU(s)").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(info.path("Mem").asText()).matches("[0-9.]+[BKMGTP]");
        info.fields().forEachRemaining(e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
    }

    @Test
    void workersReportTheQueue() {
        JsonNode workers = judge0("/workers");
        assertThat(workers).hasSize(1);
        JsonNode q = workers.get(0);
        assertThat(keys(q)).containsExactly("queue", "size", "available", "idle", "working", "paused", "failed");
        assertThat(q.path("available").asInt()).isPositive();
        assertThat(q.path("idle").asInt() + q.path("working").asInt()).isEqualTo(q.path("available").asInt());
        assertThat(q.path("size").asLong()).isNotNegative();
    }

    @Test
    void statisticsInJudge0sShape() {
        JsonNode s = judge0("/statistics?invalidate_cache=true");
        assertThat(keys(s)).containsExactly("created_at", "cached_until", "submissions", "languages", "statuses",
                "database");
        assertThat(keys(s.path("submissions"))).containsExactly("total", "today", "last_30_days");
        JsonNode days = s.path("submissions").path("last_30_days");
        assertThat(days.size()).isEqualTo(30);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(keys(days).get(0)).isIn(today.minusDays(1).toString(), today.toString());
        long languageCount = 0;
        for (JsonNode l : s.path("languages")) {
            assertThat(keys(l)).containsExactly("language", "count");
            assertThat(keys(l.path("language"))).containsExactly("id", "name");
            languageCount += l.path("count").asLong();
        }
        long statusCount = 0;
        for (JsonNode st : s.path("statuses")) {
            assertThat(keys(st.path("status"))).containsExactly("id", "name");
            statusCount += st.path("count").asLong();
        }
        long total = s.path("submissions").path("total").asLong();
        assertThat(languageCount).isEqualTo(total);
        assertThat(statusCount).isEqualTo(total);
        assertThat(keys(s.path("database"))).containsExactly("size_pretty", "size_in_bytes");
        assertThat(s.path("database").path("size_in_bytes").asLong()).isPositive();
        assertThat(s.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+00:00");
    }

    @Test
    void refusalsCarryJudge0sErrorMember() {
        Response unknownFields = send(HttpRequest.newBuilder(uri("/judge0/submissions/" + java.util.UUID.randomUUID()
                + "?fields=stdout,bogus")).header("X-Auth-Token", TOKEN).GET());
        assertThat(unknownFields.problem(400).path("error").asText()).isEqualTo("invalid fields: [bogus]");
        Response missing = send(HttpRequest.newBuilder(uri("/judge0/languages/9999")).header("X-Auth-Token", TOKEN)
                .GET());
        assertThat(missing.problem(404).path("error").asText()).isNotBlank();
        Response broken = send(HttpRequest.newBuilder(uri("/judge0/submissions")).header("X-Auth-Token", TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\nnot a part")));
        assertThat(broken.problem(400).path("error").asText()).contains("multipart");
        Response wildcard = send(HttpRequest.newBuilder(uri("/api/v1/runs")).header("Content-Type", "*/*")
                .header("Authorization", "Bearer " + adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        wildcard.problem(415);
    }
}
