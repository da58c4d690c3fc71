package dev.judge.demo.judge0;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.judge.Judge;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.store.ResultStore;
import dev.judge.demo.accept.Acceptor;
import dev.judge.demo.accept.Admission;
import dev.judge.demo.results.LiveResults;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import dev.judge.demo.webhook.CallbackGuard;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Judge0 submissions: one program, one input, an optional expected output (compared line by line, trailing
 * white space ignored), through the same queue as the server's own submissions.
 */
@Service
class Judge0Service {
    private final Judge judge;
    private final Judge0Languages languages;
    private final Judge0Repository repository;
    private final Admission admission;
    private final CallbackGuard callbacks;
    private final Acceptor acceptor;
    private final LiveResults live;
    private final ResultStore store;
    private final Judge0Properties properties;

    Judge0Service(Judge judge, Judge0Languages languages, Judge0Repository repository, Admission admission,
            CallbackGuard callbacks, Acceptor acceptor, LiveResults live, ResultStore store,
            Judge0Properties properties) {
        this.judge = judge;
        this.languages = languages;
        this.repository = repository;
        this.admission = admission;
        this.callbacks = callbacks;
        this.acceptor = acceptor;
        this.live = live;
        this.store = store;
        this.properties = properties;
    }

    /** Accepts one submission and returns its token. */
    String create(Judge0Request raw, boolean base64) {
        Judge0Request r = decoded(raw, base64);
        if (r.sourceCode() == null || r.sourceCode().isEmpty()) {
            throw ApiException.invalid("source_code", "can't be blank");
        }
        if (r.languageId() == null) {
            throw ApiException.invalid("language_id", "can't be blank");
        }
        refuseUnsupported(r);
        admission.checkSource("source_code", r.sourceCode());
        admission.checkStdin("stdin", r.stdin());
        admission.checkStdin("expected_output", r.expectedOutput());
        LanguageInfo language = languages.find(r.languageId()).orElseThrow(() -> unprocessable("language_id",
                "language with id " + r.languageId() + " doesn't exist or is not available"));
        if (r.callbackUrl() != null) {
            callbacks.check("callback_url", r.callbackUrl());
        }
        Judge0Limits limits = limits(r);
        TestCase test = new TestCase("1", utf8(r.stdin() == null ? "" : r.stdin()),
                r.expectedOutput() == null ? null : utf8(r.expectedOutput()), 1.0, null, false);
        Submission submission = new Submission(language.id(), List.of(SourceFile.main(r.sourceCode())), List.of(test),
                toLimits(limits), ComparatorSpec.lines(), JudgeOptions.defaults());
        try {
            return acceptor.accept(submission, token -> repository.insertion(new Judge0Row(token, r.languageId(),
                    language.id(), r.sourceCode(), r.stdin(), r.expectedOutput(), limits, r.callbackUrl(), null,
                    Instant.now(), null)));
        } catch (InvalidSubmissionException e) {
            throw Admission.refused(e, judge0Field(e.field()));
        }
    }

    /** Waits (up to the configured time) for the submission to finish. */
    Map<String, Object> awaitView(String token) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (AutoCloseable watch = live.watch(token, result -> {
            if (result.isFinished()) {
                done.complete(null);
            }
        })) {
            if (repository.find(token).map(row -> row.finishedAt() == null).orElse(false)) {
                done.get(properties.waitTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            // answered with the state at this moment, as the wait was bounded
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return view(token);
    }

    Map<String, Object> view(String token) {
        Judge0Row row = row(token);
        ResultDocument current = null;
        if (row.finishedAt() == null) {
            current = judge.result(token).map(ResultDocument::of).orElse(null);
        }
        return Judge0Views.all(row, current);
    }

    /** The view, or null when there is no such token (batch reads). */
    Map<String, Object> viewOrNull(String token) {
        try {
            return view(token);
        } catch (ApiException e) {
            return null;
        }
    }

    Map<String, Object> delete(String token) {
        Judge0Row row = row(token);
        if (row.finishedAt() == null) {
            throw ApiException.conflict("submission " + token + " is still being processed and cannot be deleted yet");
        }
        Map<String, Object> view = Judge0Views.all(row, null);
        repository.delete(token);
        store.delete(token);
        return view;
    }

    private Judge0Row row(String token) {
        if (token.length() > 36) {
            throw ApiException.notFound("there is no submission " + token);
        }
        return repository.find(token).orElseThrow(() -> ApiException.notFound("there is no submission " + token));
    }

    private static void refuseUnsupported(Judge0Request r) {
        if (r.compilerOptions() != null && !r.compilerOptions().isEmpty()) {
            throw unprocessable("compiler_options", "setting compiler options is not enabled");
        }
        if (r.commandLineArguments() != null && !r.commandLineArguments().isEmpty()) {
            throw unprocessable("command_line_arguments", "command line arguments are not enabled");
        }
        if (r.additionalFiles() != null && !r.additionalFiles().isEmpty()) {
            throw unprocessable("additional_files", "additional files are not enabled");
        }
        if (Boolean.TRUE.equals(r.enableNetwork())) {
            throw unprocessable("enable_network", "network access is not enabled");
        }
        if (Boolean.TRUE.equals(r.redirectStderrToStdout())) {
            throw unprocessable("redirect_stderr_to_stdout", "redirecting stderr to stdout is not supported");
        }
        if (Boolean.TRUE.equals(r.perProcessTimeLimit())) {
            throw unprocessable("enable_per_process_and_thread_time_limit", "is not supported (limits are per run)");
        }
        if (Boolean.TRUE.equals(r.perProcessMemoryLimit())) {
            throw unprocessable("enable_per_process_and_thread_memory_limit", "is not supported (limits are per run)");
        }
        if (r.numberOfRuns() != null && r.numberOfRuns() != 1) {
            throw unprocessable("number_of_runs", "must be 1 (each submission runs once)");
        }
    }

    private static Judge0Limits limits(Judge0Request r) {
        double cpu = range(r.cpuTimeLimit(), Judge0Defaults.CPU_TIME_LIMIT, 0.001, Judge0Defaults.MAX_CPU_TIME_LIMIT,
                "cpu_time_limit");
        double extra = range(r.cpuExtraTime(), Judge0Defaults.CPU_EXTRA_TIME, 0, Judge0Defaults.MAX_CPU_EXTRA_TIME,
                "cpu_extra_time");
        double wall = range(r.wallTimeLimit(), Judge0Defaults.WALL_TIME_LIMIT, 0.001,
                Judge0Defaults.MAX_WALL_TIME_LIMIT, "wall_time_limit");
        long memory = (long) range(r.memoryLimit() == null ? null : r.memoryLimit().doubleValue(),
                Judge0Defaults.MEMORY_LIMIT, 2048, Judge0Defaults.MAX_MEMORY_LIMIT, "memory_limit");
        long stack = (long) range(r.stackLimit() == null ? null : r.stackLimit().doubleValue(),
                Judge0Defaults.STACK_LIMIT, 64, Judge0Defaults.MAX_STACK_LIMIT, "stack_limit");
        int processes = (int) range(r.maxProcessesAndOrThreads() == null ? null
                : r.maxProcessesAndOrThreads().doubleValue(), Judge0Defaults.MAX_PROCESSES, 1,
                Judge0Defaults.MAX_MAX_PROCESSES, "max_processes_and_or_threads");
        long fileSize = (long) range(r.maxFileSize() == null ? null : r.maxFileSize().doubleValue(),
                Judge0Defaults.MAX_FILE_SIZE, 0, Judge0Defaults.MAX_MAX_FILE_SIZE, "max_file_size");
        return new Judge0Limits(cpu, extra, wall, memory, stack, processes, fileSize, 1, false);
    }

    private static double range(Double value, double fallback, double min, double max, String field) {
        double v = value == null ? fallback : value;
        if (!Double.isFinite(v) || v < min || v > max) {
            throw unprocessable(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return v;
    }

    /** The judge's limits; the cpu extra time lengthens the wall clock only (verdicts are on the cpu limit). */
    private static Limits toLimits(Judge0Limits l) {
        return Limits.defaults()
                .withCpuTime(Duration.ofMillis(Math.max(1, Math.round(l.cpuTimeLimit() * 1000))))
                .withWallTime(Duration.ofMillis(Math.max(1, Math.round((l.wallTimeLimit()) * 1000))))
                .withMemory(ByteSize.ofKiB(Math.max(1024, l.memoryLimit())))
                .withStack(ByteSize.ofKiB(l.stackLimit()))
                .withProcesses(l.maxProcessesAndOrThreads())
                .withFileSize(ByteSize.ofKiB(l.maxFileSize()));
    }

    private static Judge0Request decoded(Judge0Request r, boolean base64) {
        if (!base64) {
            return r;
        }
        return new Judge0Request(decode(r.sourceCode(), "source_code"), r.languageId(), decode(r.stdin(), "stdin"),
                decode(r.expectedOutput(), "expected_output"), r.cpuTimeLimit(), r.cpuExtraTime(), r.wallTimeLimit(),
                r.memoryLimit(), r.stackLimit(), r.maxProcessesAndOrThreads(), r.maxFileSize(), r.numberOfRuns(),
                r.redirectStderrToStdout(), r.enableNetwork(), r.callbackUrl(), r.compilerOptions(),
                r.commandLineArguments(), r.additionalFiles(), r.perProcessTimeLimit(), r.perProcessMemoryLimit());
    }

    private static String decode(String value, String field) {
        if (value == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw unprocessable(field, "is not valid base64");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw unprocessable(field, "does not decode to UTF-8 text");
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String judge0Field(String field) {
        if (field.startsWith("sources")) {
            return "source_code";
        }
        if (field.startsWith("tests")) {
            return field.endsWith("expectedOutput") ? "expected_output" : "stdin";
        }
        if (field.equals("languageId")) {
            return "language_id";
        }
        return switch (field) {
            case "limits.cpuTime" -> "cpu_time_limit";
            case "limits.wallTime" -> "wall_time_limit";
            case "limits.memory" -> "memory_limit";
            case "limits.stack" -> "stack_limit";
            case "limits.processes" -> "max_processes_and_or_threads";
            case "limits.fileSize" -> "max_file_size";
            default -> field;
        };
    }

    private static ApiException unprocessable(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the submission is refused",
                List.of(new FieldProblem(field, message)));
    }

}
