package dev.judge.demo.judge0;

import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.TestDocument;
import dev.judge.demo.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.HttpStatus;
import dev.judge.demo.web.FieldProblem;

/**
 * A Judge0 submission as Judge0 CE 1.13.1 serializes it ({@code app/serializers/submission_serializer.rb}): every
 * column of its {@code submissions} table in table order, then {@code status} and {@code language}; decimals as
 * Ruby prints a {@code BigDecimal} ({@code "0.01"}, {@code "5.0"}), times as Rails does ({@code
 * 2020-04-15T10:21:22.914Z}), empty outputs as {@code null}, and with {@code base64_encoded=true} the text fields
 * as Ruby's {@code Base64.encode64} writes them (lines of 60 characters, each ending in a newline).
 */
final class Judge0Views {
    /** What GET returns without {@code fields}: the serializer's {@code default_fields}. */
    static final List<String> DEFAULT_FIELDS = List.of("token", "time", "memory", "stdout", "stderr", "compile_output",
            "message", "status");
    private static final Set<String> TEXT_FIELDS = Set.of("source_code", "stdin", "expected_output", "stdout",
            "stderr", "compile_output", "message");
    private static final DateTimeFormatter RAILS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Judge0Views() {
    }

    /**
     * Every field of the submission; {@code live} is the judge's state while the row is unfinished. The
     * {@code language} carries its id only until {@link #named} names it.
     */
    static Map<String, Object> all(Judge0Row row, ResultDocument live) {
        ResultDocument d = row.result() != null ? row.result() : live;
        TestDocument t = Judge0Runs.last(d);
        Judge0Status status = Judge0Status.of(d);
        Judge0Limits l = row.limits();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source_code", row.source());
        m.put("language_id", row.languageId());
        m.put("stdin", row.stdin());
        m.put("expected_output", row.expectedOutput());
        m.put("stdout", t == null ? null : emptyAsNull(t.stdout()));
        m.put("status_id", status.id());
        m.put("created_at", railsTime(row.createdAt()));
        m.put("finished_at", row.finishedAt() == null ? null : railsTime(row.finishedAt()));
        m.put("time", t == null ? null : rubyDecimal(Judge0Runs.meanTime(d)));
        m.put("memory", t == null ? null : Judge0Runs.meanMemory(d));
        m.put("stderr", t == null ? null : emptyAsNull(t.stderr()));
        m.put("token", row.token());
        m.put("number_of_runs", l.numberOfRuns());
        m.put("cpu_time_limit", rubyDecimal(BigDecimal.valueOf(l.cpuTimeLimit())));
        m.put("cpu_extra_time", rubyDecimal(BigDecimal.valueOf(l.cpuExtraTime())));
        m.put("wall_time_limit", rubyDecimal(BigDecimal.valueOf(l.wallTimeLimit())));
        m.put("memory_limit", l.memoryLimit());
        m.put("stack_limit", l.stackLimit());
        m.put("max_processes_and_or_threads", l.maxProcessesAndOrThreads());
        m.put("enable_per_process_and_thread_time_limit", l.perProcessTimeLimit());
        m.put("enable_per_process_and_thread_memory_limit", l.perProcessMemoryLimit());
        m.put("max_file_size", l.maxFileSize());
        m.put("compile_output", d == null ? null : emptyAsNull(d.compileOutput()));
        // Judge0 reads the exit code from isolate's metadata and takes 0 when a signal ended the run
        m.put("exit_code", t == null ? null : Math.max(0, t.exitCode()));
        m.put("exit_signal", t == null || t.signal() == 0 ? null : t.signal());
        m.put("message", message(d, t));
        m.put("wall_time", t == null ? null : seconds(t.wallTimeMillis()));
        m.put("compiler_options", l.compilerOptions());
        m.put("command_line_arguments", l.commandLineArguments());
        m.put("redirect_stderr_to_stdout", l.redirectStderrToStdout());
        m.put("callback_url", row.callbackUrl());
        m.put("additional_files", l.additionalFiles());
        m.put("enable_network", l.enableNetwork());
        m.put("status", status);
        Map<String, Object> language = new LinkedHashMap<>();
        language.put("id", row.languageId());
        language.put("name", null);
        m.put("language", language);
        return m;
    }

    /** The view with its language named ({@code {id, name}}, as Judge0's {@code LanguageSerializer}). */
    static Map<String, Object> named(Map<String, Object> view, IntFunction<String> names) {
        Map<String, Object> language = new LinkedHashMap<>();
        int id = (Integer) view.get("language_id");
        language.put("id", id);
        language.put("name", names.apply(id));
        Map<String, Object> out = new LinkedHashMap<>(view);
        out.put("language", language);
        return out;
    }

    /** Every field, in the order Judge0 answers {@code fields=*}. */
    static final List<String> FIELDS = List.of("source_code", "language_id", "stdin", "expected_output", "stdout",
            "status_id", "created_at", "finished_at", "time", "memory", "stderr", "token", "number_of_runs",
            "cpu_time_limit", "cpu_extra_time", "wall_time_limit", "memory_limit", "stack_limit",
            "max_processes_and_or_threads", "enable_per_process_and_thread_time_limit",
            "enable_per_process_and_thread_memory_limit", "max_file_size", "compile_output", "exit_code",
            "exit_signal", "message", "wall_time", "compiler_options", "command_line_arguments",
            "redirect_stderr_to_stdout", "callback_url", "additional_files", "enable_network", "status", "language");

    /** Refuses a {@code fields} parameter naming unknown fields (400, Judge0's "invalid fields: [...]"). */
    static void checkFields(String fields) {
        if (fields == null || fields.isBlank()) {
            return;
        }
        List<String> unknown = Arrays.stream(fields.split(",")).map(String::trim)
                .filter(f -> !f.isEmpty() && !f.equals("*") && !FIELDS.contains(f)).toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid fields: [" + String.join(", ", unknown) + "]",
                    List.of(new FieldProblem("fields", "has the unknown field(s) " + unknown)));
        }
    }

    /** The requested fields ({@code *} for all), base64-encoding the text fields when asked. */
    static Map<String, Object> select(Map<String, Object> all, String fields, boolean base64) {
        List<String> wanted = fields == null || fields.isBlank() ? DEFAULT_FIELDS
                : Arrays.stream(fields.split(",")).map(String::trim).anyMatch("*"::equals) ? List.copyOf(all.keySet())
                : Arrays.stream(fields.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        checkFields(fields);
        if (wanted.isEmpty()) {
            wanted = DEFAULT_FIELDS;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : wanted) {
            Object v = all.get(f);
            if (base64 && v instanceof String s && TEXT_FIELDS.contains(f)) {
                v = encode64(s.getBytes(StandardCharsets.UTF_8));
            }
            out.put(f, v);
        }
        return out;
    }

    /** Ruby's {@code Base64.encode64}: RFC 2045 lines of at most 60 characters, each ending in a newline. */
    static String encode64(byte[] bytes) {
        String plain = Base64.getEncoder().encodeToString(bytes);
        StringBuilder sb = new StringBuilder(plain.length() + plain.length() / 60 + 1);
        for (int i = 0; i < plain.length(); i += 60) {
            sb.append(plain, i, Math.min(plain.length(), i + 60)).append('\n');
        }
        return sb.toString();
    }

    /** How Ruby prints a {@code BigDecimal}: no trailing zeros, but always a fraction ({@code 5.0}, {@code 0.01}). */
    static String rubyDecimal(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() <= 0) {
            return s.setScale(1, RoundingMode.UNNECESSARY).toPlainString();
        }
        return s.toPlainString();
    }

    static String railsTime(Instant at) {
        return RAILS_TIME.format(at);
    }

    private static String emptyAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String message(ResultDocument d, TestDocument t) {
        if (d == null || !d.finished()) {
            return null;
        }
        if ("IE".equals(d.verdict())) {
            return d.detail() != null ? d.detail() : t == null ? null : t.detail();
        }
        if (t != null && "RE".equals(t.verdict())) {
            // isolate's wording, which Judge0 passes on
            return t.signal() > 0 ? "Caught fatal signal " + t.signal() : "Exited with error status " + t.exitCode();
        }
        if ("TLE".equals(d.verdict())) {
            return "Time limit exceeded";
        }
        if ("MLE".equals(d.verdict())) {
            return "Memory limit exceeded";
        }
        if ("OLE".equals(d.verdict())) {
            return "Output limit exceeded";
        }
        return null;
    }

    private static String seconds(long millis) {
        return rubyDecimal(BigDecimal.valueOf(millis).movePointLeft(3));
    }
}
