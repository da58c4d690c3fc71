package dev.judge.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.GroupResult;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.PhaseTimes;
import dev.judge.core.model.Priority;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Status;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.TraceContext;
import dev.judge.core.model.Verdict;
import dev.judge.core.model.WorkFile;
import dev.judge.core.queue.JudgeJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON form of jobs and results shared by the JDBC and Redis adapters. Internal to the starter (public only
 * because two adapter packages use it); the format is versioned by the {@code "v"} field.
 *
 * <p>Lossless by construction: sealed types carry an explicit type field, durations are nanoseconds, byte
 * sizes are bytes, instants are ISO-8601 with nanoseconds, byte arrays are base64.
 */
public final class PayloadCodec {
    /**
     * Version 2 added what a submission says about its problem (groups, support files, file I/O, interactor,
     * a checker's protocol and arguments) and group results. Version 1 payloads still read, with none of those; a node that knows only version 1
     * refuses version 2 rather than judge a submission without them.
     */
    private static final int VERSION = 2;
    /**
     * Version 3 added a submission's work files and stderr joined to stdout. A job is written as version 3 only
     * when it uses them, so a node that knows only version 2 refuses exactly the jobs it would judge wrongly.
     */
    private static final int JOB_VERSION_WORK_FILES = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PayloadCodec() {
    }

    public static String jobToJson(JudgeJob job) {
        ObjectNode n = MAPPER.createObjectNode();
        Submission s = job.submission();
        n.put("v", s.workFiles().isEmpty() && !s.options().stderrToStdout() ? VERSION : JOB_VERSION_WORK_FILES);
        n.put("id", job.id());
        n.put("priority", job.priority().name());
        n.put("enqueuedAt", job.enqueuedAt().toString());
        if (!job.trace().isEmpty()) {
            // Optional in every version: a node that does not read it judges the job the same, untraced.
            ObjectNode trace = n.putObject("trace");
            job.trace().headers().forEach(trace::put);
        }
        n.set("submission", submission(job.submission()));
        return write(n);
    }

    public static JudgeJob jobFromJson(String json) {
        JsonNode n = read(json);
        Map<String, String> trace = new LinkedHashMap<>();
        n.path("trace").fields().forEachRemaining(e -> trace.put(e.getKey(), e.getValue().asText()));
        return new JudgeJob(text(n, "id"), submission(n.get("submission")), Priority.valueOf(text(n, "priority")),
                Instant.parse(text(n, "enqueuedAt")), TraceContext.of(trace));
    }

    public static String resultToJson(SubmissionResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", VERSION);
        n.put("submissionId", r.submissionId());
        n.put("status", r.status().name());
        n.put("compileOutput", r.compileOutput());
        ArrayNode tests = n.putArray("tests");
        for (TestResult t : r.tests()) {
            ObjectNode tn = tests.addObject();
            tn.put("testId", t.testId());
            tn.set("verdict", verdict(t.verdict()));
            tn.put("score", t.score());
            tn.put("cpuTimeNanos", t.cpuTime().toNanos());
            tn.put("wallTimeNanos", t.wallTime().toNanos());
            tn.put("peakMemoryBytes", t.peakMemory().bytes());
            tn.put("exitCode", t.exitCode());
            tn.put("signal", t.signal());
            tn.put("stdout", t.stdout());
            tn.put("stderr", t.stderr());
            tn.put("checkerMessage", t.checkerMessage());
        }
        n.set("verdict", r.verdict() == null ? null : verdict(r.verdict()));
        n.put("score", r.score());
        n.put("maxScore", r.maxScore());
        n.put("updatedAt", r.updatedAt().toString());
        ArrayNode groups = n.putArray("groups");
        for (GroupResult g : r.groups()) {
            groups.addObject().put("name", g.name()).put("score", g.score()).put("maxScore", g.maxScore())
                    .set("verdict", verdict(g.verdict()));
        }
        n.set("phases", phases(r.phases()));
        return write(n);
    }

    public static SubmissionResult resultFromJson(String json) {
        JsonNode n = read(json);
        List<TestResult> tests = new ArrayList<>();
        for (JsonNode tn : n.get("tests")) {
            tests.add(new TestResult(text(tn, "testId"), verdict(tn.get("verdict")), dbl(tn, "score"),
                    Duration.ofNanos(tn.get("cpuTimeNanos").longValue()),
                    Duration.ofNanos(tn.get("wallTimeNanos").longValue()),
                    ByteSize.ofBytes(tn.get("peakMemoryBytes").longValue()), tn.get("exitCode").intValue(),
                    tn.get("signal").intValue(), text(tn, "stdout"), text(tn, "stderr"), text(tn, "checkerMessage")));
        }
        List<GroupResult> groups = new ArrayList<>();
        for (JsonNode g : n.path("groups")) {
            groups.add(new GroupResult(text(g, "name"), verdict(g.get("verdict")), dbl(g, "score"),
                    dbl(g, "maxScore")));
        }
        JsonNode v = n.get("verdict");
        return new SubmissionResult(text(n, "submissionId"), Status.valueOf(text(n, "status")),
                text(n, "compileOutput"), tests, v == null || v.isNull() ? null : verdict(v), dbl(n, "score"),
                dbl(n, "maxScore"), Instant.parse(text(n, "updatedAt")), groups, phases(n.get("phases")));
    }

    // Phase times are an optional field of version 2: a result written without them reads as PhaseTimes.NONE, and
    // a node that does not know them ignores the field.
    private static ObjectNode phases(PhaseTimes p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("queuedNanos", p.queued().toNanos());
        n.put("compileNanos", p.compile().toNanos());
        ArrayNode runs = n.putArray("runNanos");
        p.runs().forEach(d -> runs.add(d.toNanos()));
        n.put("checksNanos", p.checks().toNanos());
        n.put("storeWritesNanos", p.storeWrites().toNanos());
        n.put("totalNanos", p.total().toNanos());
        return n;
    }

    private static PhaseTimes phases(JsonNode n) {
        if (n == null || n.isNull()) {
            return PhaseTimes.NONE;
        }
        List<Duration> runs = new ArrayList<>();
        n.path("runNanos").forEach(r -> runs.add(Duration.ofNanos(r.longValue())));
        return new PhaseTimes(nanos(n, "queuedNanos"), nanos(n, "compileNanos"), runs, nanos(n, "checksNanos"),
                nanos(n, "storeWritesNanos"), nanos(n, "totalNanos"));
    }

    private static Duration nanos(JsonNode n, String field) {
        return Duration.ofNanos(n.path(field).longValue());
    }

    private static ObjectNode submission(Submission s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("languageId", s.languageId());
        n.set("sources", sources(s.sources()));
        ArrayNode tests = n.putArray("tests");
        for (TestCase t : s.tests()) {
            ObjectNode tn = tests.addObject();
            tn.put("id", t.id());
            tn.put("input", t.input());
            if (t.expectedOutput() == null) {
                tn.putNull("expectedOutput");
            } else {
                tn.put("expectedOutput", t.expectedOutput());
            }
            tn.put("weight", t.weight());
            tn.put("group", t.group());
            tn.put("hidden", t.hidden());
        }
        Limits l = s.limits();
        ObjectNode ln = n.putObject("limits");
        ln.put("cpuTimeNanos", l.cpuTime().toNanos());
        ln.put("wallTimeNanos", l.wallTime().toNanos());
        ln.put("memoryBytes", l.memory().bytes());
        ln.put("processes", l.processes());
        ln.put("outputSizeBytes", l.outputSize().bytes());
        ln.put("fileSizeBytes", l.fileSize().bytes());
        ln.put("stackBytes", l.stack().bytes());
        ln.put("openFiles", l.openFiles());
        ln.put("network", l.network());
        n.set("comparator", comparator(s.comparator()));
        ObjectNode on = n.putObject("options").put("stopOnFirstFailure", s.options().stopOnFirstFailure());
        if (s.options().stderrToStdout()) {
            on.put("stderrToStdout", true);
        }
        s.options().compilerOptions().forEach(on.putArray("compilerOptions")::add);
        s.options().programArguments().forEach(on.putArray("programArguments")::add);
        ArrayNode groups = n.putArray("groups");
        for (TestGroup g : s.groups()) {
            ObjectNode gn = groups.addObject();
            gn.put("name", g.name());
            gn.put("points", g.points());
            gn.put("scoring", g.scoring().name());
            ArrayNode deps = gn.putArray("dependsOn");
            g.dependsOn().forEach(deps::add);
            gn.put("stopOnFirstFailure", g.stopOnFirstFailure());
        }
        n.set("supportFiles", sources(s.supportFiles()));
        if (!s.workFiles().isEmpty()) {
            ArrayNode work = n.putArray("workFiles");
            for (WorkFile f : s.workFiles()) {
                work.addObject().put("path", f.path()).put("content", f.content()).put("executable", f.executable());
            }
        }
        n.putObject("io").put("inputFile", s.io().inputFile()).put("outputFile", s.io().outputFile());
        Interactor i = s.interactor();
        if (i != null) {
            ObjectNode in = n.putObject("interactor");
            in.put("languageId", i.languageId());
            in.set("sources", sources(i.sources()));
            in.put("protocol", i.protocol().name());
            in.put("passes", i.passes());
        }
        return n;
    }

    private static Submission submission(JsonNode n) {
        List<TestCase> tests = new ArrayList<>();
        for (JsonNode tn : n.get("tests")) {
            JsonNode expected = tn.get("expectedOutput");
            tests.add(new TestCase(text(tn, "id"), binary(tn.get("input")),
                    expected == null || expected.isNull() ? null : binary(expected), dbl(tn, "weight"),
                    text(tn, "group"), tn.get("hidden").booleanValue()));
        }
        JsonNode ln = n.get("limits");
        Limits limits = new Limits(Duration.ofNanos(ln.get("cpuTimeNanos").longValue()),
                Duration.ofNanos(ln.get("wallTimeNanos").longValue()),
                ByteSize.ofBytes(ln.get("memoryBytes").longValue()), ln.get("processes").intValue(),
                ByteSize.ofBytes(ln.get("outputSizeBytes").longValue()),
                ByteSize.ofBytes(ln.get("fileSizeBytes").longValue()),
                ByteSize.ofBytes(ln.get("stackBytes").longValue()), ln.get("openFiles").intValue(),
                ln.get("network").booleanValue());
        List<TestGroup> groups = new ArrayList<>();
        for (JsonNode g : n.path("groups")) {
            List<String> deps = new ArrayList<>();
            g.get("dependsOn").forEach(d -> deps.add(d.textValue()));
            groups.add(new TestGroup(text(g, "name"), dbl(g, "points"), TestGroup.Scoring.valueOf(text(g, "scoring")),
                    deps, g.get("stopOnFirstFailure").booleanValue()));
        }
        JsonNode io = n.get("io");
        JsonNode in = n.get("interactor");
        Interactor interactor = in == null || in.isNull() ? null : new Interactor(text(in, "languageId"),
                sources(in.get("sources")), Interactor.Protocol.valueOf(text(in, "protocol")), in.get("passes").intValue());
        return new Submission(text(n, "languageId"), sources(n.get("sources")), tests, limits,
                comparator(n.get("comparator")),
                options(n.get("options")), groups,
                n.has("supportFiles") ? sources(n.get("supportFiles")) : List.of(),
                io == null ? FileIo.standard() : new FileIo(text(io, "inputFile"), text(io, "outputFile")), interactor,
                workFiles(n.path("workFiles")));
    }

    private static List<WorkFile> workFiles(JsonNode a) {
        List<WorkFile> files = new ArrayList<>();
        for (JsonNode f : a) {
            files.add(new WorkFile(text(f, "path"), binary(f.get("content")), f.get("executable").booleanValue()));
        }
        return files;
    }

    /** Payloads written before compiler options and program arguments existed have neither. */
    private static JudgeOptions options(JsonNode n) {
        return new JudgeOptions(n.get("stopOnFirstFailure").booleanValue(), strings(n.path("compilerOptions")),
                strings(n.path("programArguments")), n.path("stderrToStdout").asBoolean(false));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.textValue()));
        return out;
    }

    private static ArrayNode sources(List<SourceFile> files) {
        ArrayNode a = MAPPER.createArrayNode();
        for (SourceFile f : files) {
            a.addObject().put("name", f.name()).put("content", f.content());
        }
        return a;
    }

    private static List<SourceFile> sources(JsonNode a) {
        List<SourceFile> files = new ArrayList<>();
        for (JsonNode f : a) {
            files.add(new SourceFile(text(f, "name"), text(f, "content")));
        }
        return files;
    }

    private static ObjectNode comparator(ComparatorSpec c) {
        ObjectNode n = MAPPER.createObjectNode();
        if (c instanceof ComparatorSpec.Exact) {
            n.put("type", "exact");
        } else if (c instanceof ComparatorSpec.Lines) {
            n.put("type", "lines");
        } else if (c instanceof ComparatorSpec.Tokens) {
            n.put("type", "tokens");
        } else if (c instanceof ComparatorSpec.Floats f) {
            n.put("type", "floats");
            n.put("absoluteTolerance", f.absoluteTolerance());
            n.put("relativeTolerance", f.relativeTolerance());
        } else if (c instanceof ComparatorSpec.UnorderedLines) {
            n.put("type", "unorderedLines");
        } else if (c instanceof ComparatorSpec.CaseInsensitive) {
            n.put("type", "caseInsensitive");
        } else if (c instanceof ComparatorSpec.Kattis k) {
            n.put("type", "kattis");
            n.put("flags", k.flags());
        } else if (c instanceof ComparatorSpec.Checker k) {
            n.put("type", "checker");
            n.put("languageId", k.languageId());
            n.set("sources", sources(k.sources()));
            n.put("protocol", k.protocol().name().toLowerCase(Locale.ROOT));
            n.put("arguments", k.arguments());
        } else {
            throw new IllegalArgumentException("unknown comparator " + c);
        }
        return n;
    }

    private static ComparatorSpec comparator(JsonNode n) {
        String type = text(n, "type");
        return switch (type) {
            case "exact" -> new ComparatorSpec.Exact();
            case "lines" -> new ComparatorSpec.Lines();
            case "tokens" -> new ComparatorSpec.Tokens();
            case "floats" -> new ComparatorSpec.Floats(dbl(n, "absoluteTolerance"), dbl(n, "relativeTolerance"));
            case "unorderedLines" -> new ComparatorSpec.UnorderedLines();
            case "caseInsensitive" -> new ComparatorSpec.CaseInsensitive();
            case "kattis" -> ComparatorSpec.kattis(text(n, "flags"));
            case "checker" -> new ComparatorSpec.Checker(text(n, "languageId"), sources(n.get("sources")),
                    checkerProtocol(text(n, "protocol")), text(n, "arguments"));
            default -> throw new IllegalArgumentException("unknown comparator type '" + type + "'");
        };
    }

    /** A checker's protocol; payloads written before checkers had one name none, which is testlib. */
    private static ComparatorSpec.Checker.Protocol checkerProtocol(String name) {
        return switch (name == null ? "testlib" : name) {
            case "testlib" -> ComparatorSpec.Checker.Protocol.TESTLIB;
            case "kattis" -> ComparatorSpec.Checker.Protocol.KATTIS;
            default -> throw new IllegalArgumentException("unknown checker protocol '" + name + "'");
        };
    }

    private static ObjectNode verdict(Verdict v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", v.code());
        if (v instanceof Verdict.TimeLimitExceeded t) {
            n.put("clock", t.clock().name());
        } else if (v instanceof Verdict.RuntimeError re) {
            n.put("exitCode", re.exitCode());
            n.put("signal", re.signal());
        } else if (v instanceof Verdict.InternalError ie) {
            n.put("reason", ie.reason());
        }
        return n;
    }

    private static Verdict verdict(JsonNode n) {
        String code = text(n, "code");
        return switch (code) {
            case "AC" -> Verdict.ACCEPTED;
            case "WA" -> Verdict.WRONG_ANSWER;
            case "PE" -> Verdict.PRESENTATION_ERROR;
            case "TLE" -> new Verdict.TimeLimitExceeded(Verdict.Clock.valueOf(text(n, "clock")));
            case "MLE" -> Verdict.MEMORY_LIMIT;
            case "OLE" -> Verdict.OUTPUT_LIMIT;
            case "RE" -> new Verdict.RuntimeError(n.get("exitCode").intValue(), n.get("signal").intValue());
            case "CE" -> Verdict.COMPILATION_ERROR;
            case "IE" -> new Verdict.InternalError(text(n, "reason"));
            case "SK" -> Verdict.SKIPPED;
            default -> throw new IllegalArgumentException("unknown verdict code '" + code + "'");
        };
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.textValue();
    }

    private static double dbl(JsonNode n, String field) {
        JsonNode v = n.get(field);
        // Jackson writes NaN and infinities as strings; read them back the same way.
        return v.isTextual() ? Double.parseDouble(v.textValue()) : v.doubleValue();
    }

    private static byte[] binary(JsonNode n) {
        try {
            return n.binaryValue();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not base64: " + e.getMessage(), e);
        }
    }

    private static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            int v = n.path("v").asInt(-1);
            if (v < 1 || v > JOB_VERSION_WORK_FILES) {
                throw new IllegalArgumentException("unsupported payload version " + v);
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a judge payload: " + e.getOriginalMessage(), e);
        }
    }
}
