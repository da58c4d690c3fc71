package dev.judge.demo.judge0;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.QueueFullException;
import dev.judge.core.judge.Judge;
import dev.judge.core.language.Language;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.WorkFile;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.store.ResultStore;
import dev.judge.demo.accept.Acceptor;
import dev.judge.demo.accept.Admission;
import dev.judge.demo.groupcommit.GroupCommit;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
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
    private final Judge0AdditionalFiles additionalFiles;
    private final ObjectProvider<Sandbox> sandbox;

    Judge0Service(Judge judge, Judge0Languages languages, Judge0Repository repository, Admission admission,
            CallbackGuard callbacks, Acceptor acceptor, LiveResults live, ResultStore store,
            Judge0Properties properties, Judge0AdditionalFiles additionalFiles, ObjectProvider<Sandbox> sandbox) {
        this.additionalFiles = additionalFiles;
        this.sandbox = sandbox;
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
        Prepared p = prepare(raw, base64);
        try {
            return acceptor.accept(p.item().submission(), p.item().row());
        } catch (InvalidSubmissionException e) {
            throw p.refused(e);
        }
    }

    /** One item of a batch: its token, or why it was refused. */
    record Created(String token, ApiException refusal) {
    }

    /**
     * Accepts the items of one batch together (one transaction, so the batch costs one commit) and answers, in
     * order, each one's token or why it was refused; a null item is refused as Judge0 refuses an empty one.
     *
     * @throws ApiException       when the request as a whole is refused (too many requests)
     * @throws QueueFullException when the judge's queue is at its bound (nothing is stored)
     */
    List<Created> createAll(List<Judge0Request> items, boolean base64) {
        Created[] out = new Created[items.size()];
        List<Prepared> prepared = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                out[i] = new Created(null, new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the submission is refused",
                        List.of(new FieldProblem("source_code", "can't be blank"),
                                new FieldProblem("language_id", "can't be blank"))));
                continue;
            }
            try {
                prepared.add(prepare(items.get(i), base64));
                positions.add(i);
            } catch (ApiException e) {
                if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
                    throw e;
                }
                out[i] = new Created(null, e);
            }
        }
        if (!prepared.isEmpty()) {
            List<GroupCommit.Outcome<String>> outcomes = acceptor.acceptAll(
                    prepared.stream().map(Prepared::item).toList());
            for (int k = 0; k < outcomes.size(); k++) {
                GroupCommit.Outcome<String> o = outcomes.get(k);
                out[positions.get(k)] = o.value() != null ? new Created(o.value(), null)
                        : new Created(null, o.refusal() instanceof InvalidSubmissionException e
                                ? prepared.get(k).refused(e)
                                : new ApiException(HttpStatus.SERVICE_UNAVAILABLE, o.refusal().getMessage()));
            }
        }
        return List.of(out);
    }

    /** A checked item, ready for the acceptor; {@code runs} maps the judge's refusals onto Judge0's fields. */
    private record Prepared(Acceptor.Item item, int runs) {
        ApiException refused(InvalidSubmissionException e) {
            return Admission.refused(e, judge0Field(e.field(), runs));
        }
    }

    /** Checks and decodes one request into the submission and the row the acceptor writes. */
    private Prepared prepare(Judge0Request raw, boolean base64) {
        Judge0Request r = decoded(raw, base64);
        boolean project = r.languageId() != null && r.languageId() == Judge0MultiFile.JUDGE0_ID;
        boolean hasFiles = r.additionalFiles() != null && !r.additionalFiles().isEmpty();
        // Judge0's presence checks are validations like the others: 422, as its documentation shows
        if (project && r.sourceCode() != null && !r.sourceCode().isEmpty()) {
            throw unprocessable("source_code", "must be blank");
        }
        if (!project && (r.sourceCode() == null || r.sourceCode().isEmpty())) {
            throw unprocessable("source_code", "can't be blank");
        }
        if (project && !hasFiles) {
            throw unprocessable("additional_files", "can't be blank");
        }
        if (r.languageId() == null) {
            throw unprocessable("language_id", "can't be blank");
        }
        refuseUnsupported(r);
        if (!project) {
            admission.checkSource("source_code", r.sourceCode());
        }
        admission.checkStdin("stdin", r.stdin());
        admission.checkStdin("expected_output", r.expectedOutput());
        LanguageInfo language = languages.find(r.languageId()).orElseThrow(() -> unprocessable("language_id",
                "language with id " + r.languageId() + " doesn't exist or is not available"));
        if (r.callbackUrl() != null) {
            callbacks.check("callback_url", r.callbackUrl());
        }
        List<String> compilerOptions = compilerOptions(r.compilerOptions(), language);
        List<String> arguments = commandLineArguments(r.commandLineArguments());
        List<WorkFile> workFiles = hasFiles ? additionalFiles.read(r.additionalFiles(), language.language())
                : List.of();
        boolean joined = r.redirectStderrToStdout() == null ? properties.redirectStderrToStdout()
                : r.redirectStderrToStdout();
        Judge0Limits limits = limits(r, joined, hasFiles ? Judge0AdditionalFiles.canonical(r.additionalFiles()) : null);
        List<TestCase> runs = new ArrayList<>();
        for (int i = 1; i <= limits.numberOfRuns(); i++) {
            runs.add(new TestCase(Integer.toString(i), utf8(r.stdin() == null ? "" : r.stdin()),
                    r.expectedOutput() == null ? null : utf8(r.expectedOutput()), 1.0, null, false));
        }
        // Judge0 stops repeating at the first run that is not accepted; so does this submission
        SourceFile main = SourceFile.main(project ? Judge0MultiFile.driver() : r.sourceCode());
        Submission submission = new Submission(language.id(), List.of(main), runs, toLimits(limits),
                ComparatorSpec.lines(), new JudgeOptions(true, compilerOptions, arguments, joined))
                .withWorkFiles(workFiles);
        return new Prepared(new Acceptor.Item(submission, (token, traceId) -> repository.insertion(new Judge0Row(
                token, r.languageId(), language.id(), project ? null : r.sourceCode(), r.stdin(), r.expectedOutput(),
                limits, r.callbackUrl(), null, Instant.now(), null), traceId)), limits.numberOfRuns());
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

    /**
     * One page of every submission, newest first, with will_paginate's numbers as Judge0 answers them in
     * {@code meta}: pages past the last are empty, {@code next_page} and {@code prev_page} are null at the ends.
     */
    Judge0Page index(int page, int perPage) {
        long total = repository.count();
        long offset = (long) (page - 1) * perPage;
        List<Map<String, Object>> views = offset >= total ? List.of()
                : repository.page((int) offset, perPage).stream().map(this::view).toList();
        long pages = (total + perPage - 1) / perPage;
        return new Judge0Page(views, page, page < pages ? page + 1 : null, page > 1 ? page - 1 : null, pages, total);
    }

    Map<String, Object> view(String token) {
        return view(row(token));
    }

    private Map<String, Object> view(Judge0Row row) {
        ResultDocument current = null;
        if (row.finishedAt() == null) {
            current = judge.result(row.token()).map(ResultDocument::of).orElse(null);
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

    /** What the sandboxes here cannot give yet, refused with the reason rather than ignored. */
    private void refuseUnsupported(Judge0Request r) {
        if (r.additionalFiles() != null && !r.additionalFiles().isEmpty() && !properties.enableAdditionalFiles()) {
            throw unprocessable("additional_files", "setting additional files is not allowed");
        }
    }

    /**
     * Whether the runs get network: the request's {@code enable_network}, else the configured default; refused
     * unless {@code judge.judge0.allow-enable-network} is on (Judge0's words) and the sandbox gives a run network
     * safely (the native sandbox as root: a network of the box's own, no host or private ranges).
     */
    private boolean network(Judge0Request r) {
        boolean asked = r.enableNetwork() != null ? r.enableNetwork() : properties.enableNetwork();
        if (!asked) {
            return false;
        }
        if (!properties.allowEnableNetwork()) {
            throw unprocessable("enable_network", "enabling network is not allowed");
        }
        if (!judge.caps().maxLimits().network()) {
            throw unprocessable("enable_network", "enabling network is not possible here: the judge allows no"
                    + " network (judge.limits.allow-network)");
        }
        Sandbox s = sandbox.getIfAvailable();
        if (s == null || !s.givesNetwork()) {
            throw unprocessable("enable_network", "enabling network is not possible here: the "
                    + (s == null ? "judge's" : s.name()) + " sandbox cannot give a run network safely");
        }
        return true;
    }

    /** Judge0's {@code compiler_options_allowed} checks, in its order and words; then split into arguments. */
    private List<String> compilerOptions(String options, LanguageInfo language) {
        if (options == null || options.isBlank()) {
            return List.of();
        }
        if (!properties.enableCompilerOptions()) {
            throw unprocessable("compiler_options", "setting compiler options is not allowed");
        }
        if (!compiledAsJudge0SeesIt(language.language())) {
            throw unprocessable("compiler_options", "setting compiler options is only allowed for compiled languages");
        }
        List<String> allowed = properties.allowedLanguagesForCompileOptions();
        String name = Judge0Languages.name(language);
        if (!allowed.isEmpty() && allowed.stream().noneMatch(a -> name.startsWith(a + " "))) {
            String list = allowed.size() == 1 ? allowed.get(0)
                    : String.join(", ", allowed.subList(0, allowed.size() - 1)) + " and " + allowed.get(allowed.size() - 1);
            throw unprocessable("compiler_options", "setting compiler options is only allowed for " + list);
        }
        return words("compiler_options", options);
    }

    /**
     * Judge0's interpreted languages have no compile command; here they have a step that only checks the sources
     * and keeps every file ({@code *}), which takes no compiler options.
     */
    private static boolean compiledAsJudge0SeesIt(Language language) {
        return language.compiled() && !language.artifacts().equals(List.of("*"))
                && !language.id().equals(Judge0MultiFile.LANGUAGE_ID);
    }

    private List<String> commandLineArguments(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return List.of();
        }
        if (!properties.enableCommandLineArguments()) {
            throw unprocessable("command_line_arguments", "setting command line arguments is not allowed");
        }
        return words("command_line_arguments", arguments);
    }

    private static List<String> words(String field, String value) {
        try {
            return Judge0Words.split(value);
        } catch (Judge0Words.Malformed e) {
            throw unprocessable(field, e.getMessage());
        }
    }

    /**
     * Judge0's numericality checks with its defaults and maxima and its messages. Two bounds are tighter here: a
     * CPU time limit of 0 (no limit, to isolate) is refused, and a stack limit below 64 KB other than 0 (no limit
     * of its own: the memory limit bounds the stack) cannot start a program. A {@code max_file_size} of 0, no
     * limit to isolate, is the largest one a submission may ask for.
     */
    private Judge0Limits limits(Judge0Request r, boolean redirectStderrToStdout, String additionalFiles) {
        double cpu = bound(r.cpuTimeLimit(), Judge0Defaults.CPU_TIME_LIMIT, 0, true,
                Judge0Defaults.MAX_CPU_TIME_LIMIT, "cpu_time_limit");
        double extra = bound(r.cpuExtraTime(), Judge0Defaults.CPU_EXTRA_TIME, 0, false,
                Judge0Defaults.MAX_CPU_EXTRA_TIME, "cpu_extra_time");
        double wall = bound(r.wallTimeLimit(), Judge0Defaults.WALL_TIME_LIMIT, 1, false,
                Judge0Defaults.MAX_WALL_TIME_LIMIT, "wall_time_limit");
        long memory = (long) bound(r.memoryLimit(), Judge0Defaults.MEMORY_LIMIT, 2048, false,
                Judge0Defaults.MAX_MEMORY_LIMIT, "memory_limit");
        long stack = (long) bound(r.stackLimit(), Judge0Defaults.STACK_LIMIT, 0, false,
                Judge0Defaults.MAX_STACK_LIMIT, "stack_limit");
        if (stack > 0 && stack < 64) {
            throw unprocessable("stack_limit", "must be 0 (bounded by the memory limit) or at least 64 here");
        }
        int processes = (int) bound(r.maxProcessesAndOrThreads(), Judge0Defaults.MAX_PROCESSES, 0, true,
                Judge0Defaults.MAX_MAX_PROCESSES, "max_processes_and_or_threads");
        long fileSize = (long) bound(r.maxFileSize(), Judge0Defaults.MAX_FILE_SIZE, 0, false,
                Judge0Defaults.MAX_MAX_FILE_SIZE, "max_file_size");
        int runs = (int) bound(r.numberOfRuns(), Judge0Defaults.NUMBER_OF_RUNS, 0, true,
                Judge0Defaults.MAX_NUMBER_OF_RUNS, "number_of_runs");
        boolean perProcessTime = Boolean.TRUE.equals(r.perProcessTimeLimit());
        if (perProcessTime && !properties.allowEnablePerProcessAndThreadTimeLimit()) {
            throw unprocessable("enable_per_process_and_thread_time_limit", "this option cannot be enabled");
        }
        boolean perProcessMemory = Boolean.TRUE.equals(r.perProcessMemoryLimit());
        if (perProcessMemory && !properties.allowEnablePerProcessAndThreadMemoryLimit()) {
            throw unprocessable("enable_per_process_and_thread_memory_limit", "this option cannot be enabled");
        }
        return new Judge0Limits(cpu, extra, wall, memory, stack, processes, fileSize, runs, redirectStderrToStdout,
                perProcessTime, perProcessMemory, blankAsNull(r.compilerOptions()),
                blankAsNull(r.commandLineArguments()), additionalFiles, network(r));
    }

    /** A Rails numericality check: {@code min} exclusive or inclusive, {@code max} inclusive. */
    private static double bound(Number value, double fallback, double min, boolean minExclusive, double max,
            String field) {
        double v = value == null ? fallback : value.doubleValue();
        boolean integral = !(value instanceof Double || fallback != Math.rint(fallback)
                || field.endsWith("time_limit") || field.equals("cpu_extra_time"));
        if (!Double.isFinite(v)) {
            throw unprocessable(field, "is not a number");
        }
        if (minExclusive ? v <= min : v < min) {
            throw unprocessable(field, "must be greater than " + (minExclusive ? "" : "or equal to ")
                    + count(min, integral));
        }
        if (v > max) {
            throw unprocessable(field, "must be less than or equal to " + count(max, integral));
        }
        return v;
    }

    /** How Rails prints the bound: Judge0's time settings are floats ({@code 15.0}), the others integers. */
    private static String count(double bound, boolean integral) {
        return integral ? Long.toString((long) bound) : Double.toString(bound);
    }

    private static String blankAsNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * The judge's limits. The CPU extra time is added to the CPU limit, so a run is a time limit exceeded only
     * past both, as Judge0 lets a run go on for {@code cpu_extra_time} before isolate kills it. The per-process
     * switches change nothing: the sandboxes limit the whole run, the stricter reading of either.
     */
    private static Limits toLimits(Judge0Limits l) {
        Limits limits = Limits.defaults()
                .withCpuTime(Duration.ofMillis(Math.max(1, Math.round((l.cpuTimeLimit() + l.cpuExtraTime()) * 1000))))
                .withWallTime(Duration.ofMillis(Math.max(1, Math.round((l.wallTimeLimit()) * 1000))))
                .withMemory(ByteSize.ofKiB(Math.max(1024, l.memoryLimit())))
                .withProcesses(l.maxProcessesAndOrThreads())
                // isolate reads 0 as no file size limit of its own; the most a submission may ask for stands in
                .withFileSize(ByteSize.ofKiB(l.maxFileSize() == 0 ? Judge0Defaults.MAX_MAX_FILE_SIZE : l.maxFileSize()))
                .withNetwork(l.enableNetwork());
        return l.stackLimit() == 0 ? limits.withStack(limits.memory()) : limits.withStack(ByteSize.ofKiB(l.stackLimit()));
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

    private static String judge0Field(String field, int runs) {
        if (field.equals("tests") && runs > 1) {
            return "number_of_runs"; // the runs are the tests: too many, or too much input repeated
        }
        if (field.equals("options.compilerOptions")) {
            return "compiler_options";
        }
        if (field.equals("options.programArguments")) {
            return "command_line_arguments";
        }
        if (field.startsWith("workFiles")) {
            return "additional_files";
        }
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
