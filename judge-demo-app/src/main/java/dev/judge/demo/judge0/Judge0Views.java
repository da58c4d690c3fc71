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

/** A Judge0 submission as Judge0 CE 1.13 shows it: its field names and units, {@code fields} and base64. */
final class Judge0Views {
    /** What GET returns without {@code fields}, as Judge0 does. */
    static final List<String> DEFAULT_FIELDS = List.of("stdout", "time", "memory", "stderr", "token", "compile_output",
            "message", "status");
    private static final Set<String> TEXT_FIELDS = Set.of("source_code", "stdin", "expected_output", "stdout",
            "stderr", "compile_output", "message");

    private Judge0Views() {
    }

    /** Every field of the submission; {@code live} is the judge's state while the row is unfinished. */
    static Map<String, Object> all(Judge0Row row, ResultDocument live) {
        ResultDocument d = row.result() != null ? row.result() : live;
        TestDocument t = d == null || d.tests().isEmpty() ? null : d.tests().get(0);
        Judge0Status status = Judge0Status.of(d);
        Judge0Limits l = row.limits();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source_code", row.source());
        m.put("language_id", row.languageId());
        m.put("stdin", row.stdin());
        m.put("expected_output", row.expectedOutput());
        m.put("stdout", t == null ? null : t.stdout());
        m.put("stderr", t == null || t.stderr().isEmpty() ? null : t.stderr());
        m.put("compile_output", d == null || d.compileOutput().isEmpty() ? null : d.compileOutput());
        m.put("message", message(d, t));
        m.put("exit_code", t == null || t.exitCode() < 0 ? null : t.exitCode());
        m.put("exit_signal", t == null || t.signal() == 0 ? null : t.signal());
        m.put("status", status);
        m.put("status_id", status.id());
        m.put("created_at", row.createdAt().toString());
        m.put("finished_at", row.finishedAt() == null ? null : row.finishedAt().toString());
        m.put("token", row.token());
        m.put("time", t == null ? null : seconds(t.cpuTimeMillis()));
        m.put("wall_time", t == null ? null : seconds(t.wallTimeMillis()));
        m.put("memory", t == null ? null : t.memoryKiB());
        m.put("number_of_runs", l.numberOfRuns());
        m.put("cpu_time_limit", decimal(l.cpuTimeLimit()));
        m.put("cpu_extra_time", decimal(l.cpuExtraTime()));
        m.put("wall_time_limit", decimal(l.wallTimeLimit()));
        m.put("memory_limit", l.memoryLimit());
        m.put("stack_limit", l.stackLimit());
        m.put("max_processes_and_or_threads", l.maxProcessesAndOrThreads());
        m.put("enable_per_process_and_thread_time_limit", false);
        m.put("enable_per_process_and_thread_memory_limit", false);
        m.put("max_file_size", l.maxFileSize());
        m.put("redirect_stderr_to_stdout", l.redirectStderrToStdout());
        m.put("callback_url", row.callbackUrl());
        m.put("additional_files", null);
        m.put("compiler_options", null);
        m.put("command_line_arguments", null);
        m.put("enable_network", false);
        return m;
    }

    /** The requested fields ({@code *} for all), base64-encoding the text fields when asked. */
    static Map<String, Object> select(Map<String, Object> all, String fields, boolean base64) {
        List<String> wanted = fields == null || fields.isBlank() ? DEFAULT_FIELDS
                : fields.trim().equals("*") ? List.copyOf(all.keySet())
                : Arrays.stream(fields.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : wanted) {
            if (!all.containsKey(f)) {
                throw ApiException.invalid("fields", "has the unknown field '" + f + "'");
            }
            Object v = all.get(f);
            if (base64 && v instanceof String s && TEXT_FIELDS.contains(f)) {
                v = Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
            }
            out.put(f, v);
        }
        return out;
    }

    private static String message(ResultDocument d, TestDocument t) {
        if (d == null || !d.finished()) {
            return null;
        }
        if ("IE".equals(d.verdict())) {
            return d.detail() != null ? d.detail() : t == null ? null : t.detail();
        }
        if (t != null && "RE".equals(t.verdict())) {
            return t.signal() > 0 ? "Exited with signal " + t.signal() : "Exited with error status " + t.exitCode();
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
        return BigDecimal.valueOf(millis).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static double decimal(double v) {
        return v;
    }
}
