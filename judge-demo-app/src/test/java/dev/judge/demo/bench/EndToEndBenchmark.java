package dev.judge.demo.bench;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.Language;
import dev.judge.core.language.Languages;
import dev.judge.core.model.Limits;
import dev.judge.core.model.PhaseTimes;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.store.ResultStore;
import dev.judge.demo.JudgeDemoApplication;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * End-to-end judging speed of the demo server against the bare floor, side by side in one process and one run
 * (docs/BENCHMARKS.md, "End-to-end judging"). Starts the demo application in this JVM with the given server
 * arguments (none: the embedded default), then per language:
 * <ul>
 * <li><b>cached</b>: a 20-test A+B whose artifact is cached, accept to FINISHED (the judge's own queue, worker
 * and store, as the APIs use them) against the floor: the same 20 runs started bare, as many at a time as the
 * judge has run slots;</li>
 * <li><b>compile</b>: the same with a source the cache has not seen, against the bare compile plus the floor;</li>
 * <li><b>per test</b>: the median run as the pipeline timed it around the sandbox against a bare run's median.</li>
 * </ul>
 * Then the throughput: single-test C submissions through the Judge0 batch API over HTTP, judged per second,
 * against the sandbox's own rate of the same program on as many threads as the judge has slots.
 */
public final class EndToEndBenchmark {
    private static final int TESTS = 20;
    /** Cached submissions judged at once for the throughput of one problem. */
    private static final int AT_ONCE = 10;

    private final Judge judge;
    private final Sandbox sandbox;
    private final Languages languages;
    private final int slots;
    private final Path work;
    private final JdbcTemplate ledger;
    private final Map<String, CompletableFuture<SubmissionResult>> waiting = new ConcurrentHashMap<>();
    /** Final results the store reported; guarded by itself, notified on every change (no polling thread). */
    private final AtomicInteger finished = new AtomicInteger();

    private EndToEndBenchmark(ConfigurableApplicationContext ctx, Path work) {
        this.judge = ctx.getBean(Judge.class);
        this.sandbox = ctx.getBean(Sandbox.class);
        // The server's languages (with its judge.languages overrides), so the bare side runs the same commands.
        this.languages = ctx.getBean(Languages.class);
        int configured = ctx.getEnvironment().getProperty("judge.executor.slots", Integer.class, 0);
        this.slots = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        this.work = work;
        this.ledger = ctx.getBean(JdbcTemplate.class);
        ctx.getBean(ResultStore.class).subscribe(r -> {
            if (r.isFinished()) {
                synchronized (finished) {
                    finished.incrementAndGet();
                    finished.notifyAll();
                }
                CompletableFuture<SubmissionResult> f = waiting.get(r.submissionId());
                if (f != null) {
                    f.complete(r);
                }
            }
        });
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 5);
        int submissions = Integer.getInteger("bench.submissions", 1000);
        int warmup = Integer.getInteger("bench.warmup", 1000);
        List<String> languages = Arrays.stream(System.getProperty("bench.languages", "c,cpp,java,python3").split(","))
                .filter(s -> !s.isBlank()).toList();
        Path work = Files.createTempDirectory("judge-e2e-bench");
        List<String> appArgs = new ArrayList<>(List.of("--server.port=0",
                "--judge.demo.data-dir=" + work.resolve("data"),
                "--judge.judge0.open=true", "--judge.demo.rate-limit.enabled=false", "--judge.queue.max-depth=0",
                "--logging.level.root=WARN"));
        appArgs.addAll(Arrays.asList(args));
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(JudgeDemoApplication.class)
                .run(appArgs.toArray(String[]::new))) {
            EndToEndBenchmark bench = new EndToEndBenchmark(ctx, work);
            String port = ctx.getEnvironment().getProperty("local.server.port");
            System.out.printf(Locale.ROOT, "end-to-end benchmark: server arguments %s, %d run slots, %d rounds, %s%n",
                    Arrays.toString(args), bench.slots, rounds, uptime());
            // "bare run": one at a time, the JVM otherwise idle; "bare run ||": the floor's runs, as many at a time
            // as the judge runs them (its slots), which is how the judged runs meet the machine
            System.out.printf(Locale.ROOT, "%-8s %-8s %10s %10s %7s %12s %12s %7s %12s %7s%n", "language", "kind",
                    "floor ms", "judged ms", "ratio", "bare run ms", "run ms", "ratio", "bare run ||", "ratio");
            for (String id : languages) {
                bench.latency(bench.languages.find(id).orElseThrow(), rounds);
            }
            bench.throughput(URI.create("http://127.0.0.1:" + port), submissions, warmup);
            System.out.println(uptime());
        }
    }

    private static String uptime() throws java.io.IOException {
        return "load " + Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private void latency(Language language, int rounds) throws Exception {
        BareRuns bare = new BareRuns(language, work.resolve("bare-" + language.id()));
        String source = AplusB.source(language.id());
        List<byte[]> inputs = new ArrayList<>();
        List<TestCase> tests = new ArrayList<>();
        for (int i = 0; i < TESTS; i++) {
            String in = i + " " + (1000 + i) + "\n";
            inputs.add(in.getBytes(StandardCharsets.UTF_8));
            tests.add(TestCase.of("t" + i, in, (1000 + 2 * i) + "\n"));
        }
        // Warm-up: the toolchain probe, the first compile, the JIT of the judge's own path.
        bare.compile(source);
        judgeOnce(Submission.of(language.id(), source, tests));
        judgeOnce(Submission.of(language.id(), source, tests));

        List<Long> floors = new ArrayList<>();
        List<Long> bareCompiles = new ArrayList<>();
        List<Long> bareRuns = new ArrayList<>();
        List<Long> bareParallelRuns = new ArrayList<>();
        List<Long> cached = new ArrayList<>();
        List<Long> compiled = new ArrayList<>();
        List<Long> runs = new ArrayList<>();
        List<PhaseTimes> cachedPhases = new ArrayList<>();
        List<PhaseTimes> compiledPhases = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            // Interleaved, so both sides meet the same machine state.
            bareCompiles.add(bare.compile(AplusB.withNonce(language.id(), source, "bare" + r + System.nanoTime())));
            floors.add(bare.runAll(inputs, slots, bareParallelRuns));
            for (byte[] in : inputs.subList(0, 5)) {
                bareRuns.add(bare.runOnce(in));
            }
            long t = System.nanoTime();
            SubmissionResult c = judgeOnce(Submission.of(language.id(), source, tests));
            cached.add(System.nanoTime() - t);
            cachedPhases.add(c.phases());
            c.phases().runs().forEach(d -> runs.add(d.toNanos()));
            String fresh = AplusB.withNonce(language.id(), source, "judged" + r + System.nanoTime());
            t = System.nanoTime();
            SubmissionResult f = judgeOnce(Submission.of(language.id(), fresh, tests));
            compiled.add(System.nanoTime() - t);
            compiledPhases.add(f.phases());
        }
        double floor = median(floors);
        double bareCompile = median(bareCompiles);
        double bareRun = median(bareRuns);
        double bareParallelRun = median(bareParallelRuns);
        double run = median(runs);
        print(language.id(), "cached", floor, median(cached), bareRun, run, bareParallelRun);
        print(language.id(), "compile", bareCompile + floor, median(compiled), bareRun, run, bareParallelRun);
        System.out.printf(Locale.ROOT, "%-8s phases (median of %d, cached | compile): %s | %s; bare compile %.1f ms,"
                + " compile target judged <= %.1f ms%n", language.id(), rounds, phases(cachedPhases),
                phases(compiledPhases), bareCompile / 1e6, (bareCompile + 1.5 * floor) / 1e6);
        // Judged throughput of the problem: many submissions at once keep both slots busy across submissions, as a
        // contest does; the floor's rate is one submission per floor time.
        List<Submission> many = Collections.nCopies(AT_ONCE, Submission.of(language.id(), source, tests));
        long t = System.nanoTime();
        judgeAll(many);
        double rate = AT_ONCE / ((System.nanoTime() - t) / 1e9);
        double floorRate = 1e9 / floor;
        System.out.printf(Locale.ROOT, "%-8s throughput: %d cached submissions at once judged %.1f/s; the floor's rate"
                + " %.1f/s; ratio %.2f%n", language.id(), AT_ONCE, rate, floorRate, rate / floorRate);
    }

    private static void print(String language, String kind, double floor, double judged, double bareRun,
            double run, double bareParallelRun) {
        System.out.printf(Locale.ROOT, "%-8s %-8s %10.1f %10.1f %7.2f %12.2f %12.2f %7.2f %12.2f %7.2f%n", language,
                kind, floor / 1e6, judged / 1e6, judged / floor, bareRun / 1e6, run / 1e6, run / bareRun,
                bareParallelRun / 1e6, run / bareParallelRun);
    }

    private static String phases(List<PhaseTimes> all) {
        return String.format(Locale.ROOT, "queued %.1f, compile %.1f, runs sum %.1f, checks %.2f, store %.1f,"
                + " total %.1f ms", med(all, PhaseTimes::queued), med(all, PhaseTimes::compile),
                med(all, PhaseTimes::runsTotal), med(all, PhaseTimes::checks), med(all, PhaseTimes::storeWrites),
                med(all, PhaseTimes::total));
    }

    private static double med(List<PhaseTimes> all, java.util.function.Function<PhaseTimes, Duration> phase) {
        return median(all.stream().map(p -> phase.apply(p).toNanos()).toList()) / 1e6;
    }

    /** Submits all at once and waits until each is finished and accepted. */
    private void judgeAll(List<Submission> all) throws Exception {
        List<CompletableFuture<SubmissionResult>> started = new ArrayList<>();
        for (Submission s : all) {
            started.add(start(s));
        }
        for (CompletableFuture<SubmissionResult> f : started) {
            accepted(f);
        }
    }

    /** Submits through the judge's queue and waits for the store to hold the finished result. */
    private SubmissionResult judgeOnce(Submission s) throws Exception {
        return accepted(start(s));
    }

    private CompletableFuture<SubmissionResult> start(Submission s) {
        CompletableFuture<SubmissionResult> done = new CompletableFuture<>();
        String id = judge.submit(s);
        waiting.put(id, done);
        // The id is known only once submitted: a result stored before the waiter was in place is read instead.
        judge.result(id).filter(SubmissionResult::isFinished).ifPresent(done::complete);
        return done;
    }

    private SubmissionResult accepted(CompletableFuture<SubmissionResult> done) throws Exception {
        SubmissionResult r = done.get(120, TimeUnit.SECONDS);
        waiting.remove(r.submissionId());
        if (!(r.verdict() instanceof Verdict.Accepted)) {
            throw new IllegalStateException("A+B was not accepted: " + r);
        }
        return r;
    }

    /**
     * Single-test C submissions through the Judge0 batch API, judged per second (from the first request to the
     * last finished result the store reports), against the sandbox running the same program on {@code slots}
     * threads.
     */
    private void throughput(URI server, int count, int warmup) throws Exception {
        Language c = languages.find("c").orElseThrow();
        BareRuns bare = new BareRuns(c, work.resolve("sandbox-c"));
        bare.compile(AplusB.source("c"));
        byte[] program = Files.readAllBytes(work.resolve("sandbox-c").resolve("main"));
        sandboxRate(c, program, 200, warmup); // its own warm-up: the JIT of the sandbox's path

        HttpClient http = HttpClient.newHttpClient();
        String item = "{\"source_code\":" + json(AplusB.source("c")) + ",\"language_id\":50,\"stdin\":\"1 2\\n\","
                + "\"expected_output\":\"3\\n\"}";
        judgeThroughJudge0(http, server, item, 1); // warm-up: compiles and caches the program
        // Then the server's own warm-up: a fresh JVM compiles the accept, queue, store and API paths for thousands
        // of submissions (its compiler threads took a third of both CPUs after 1000, a fifth after 3000), which is
        // not the steady state. So at least `warmup` submissions, then rounds of the judged window's own size until
        // the JIT is quiet: less than 5 % of one CPU compiling in a round, at most 10 rounds. (Rounds of 200 left it
        // compiling a quarter of a CPU's time through a window of 8,000: thousands queued at once take paths, in
        // the store's B-trees and the accept's group commit, that a few hundred do not.)
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int warmedUp = 0;
        int windows = 0;
        double compiling = 1;
        while (warmedUp < warmup || (compiling > 0.05 && windows < 10)) {
            int round = warmedUp < warmup ? Math.min(warmup - warmedUp, 1000) : count;
            windows += warmedUp < warmup ? 0 : 1;
            long compileBefore = jit.getTotalCompilationTime();
            long took = judgeThroughJudge0(http, server, item, round);
            compiling = (jit.getTotalCompilationTime() - compileBefore) / (took / 1e6);
            warmedUp += round;
        }
        System.out.printf(Locale.ROOT, "warm-up: %d submissions; the JIT compiled %.0f %% of one CPU's time in the"
                + " last round%n", warmedUp, 100 * compiling);
        // The sandbox's rate just before and just after the judged window, so both sides meet the same machine.
        CpuTime start = CpuTime.now();
        double sandboxBefore = sandboxRate(c, program, count, 0);
        CpuTime judgingStart = CpuTime.now();
        long[] writesBefore = h2Writes();
        long compileBefore = jit.getTotalCompilationTime();
        long window = judgeThroughJudge0(http, server, item, count);
        double compilingInWindow = (jit.getTotalCompilationTime() - compileBefore) / (window / 1e6);
        double judged = count / (window / 1e9);
        CpuTime judgingEnd = CpuTime.now();
        long[] writesAfter = h2Writes();
        double sandboxAfter = sandboxRate(c, program, count, 0);
        CpuTime end = CpuTime.now();
        double sandbox = (sandboxBefore + sandboxAfter) / 2;
        System.out.printf(Locale.ROOT, "throughput: %d single-test C submissions through the Judge0 batch API %.1f/s"
                + " (after %d warm-up submissions); the sandbox alone on %d threads %.1f runs/s (%.1f before, %.1f"
                + " after); ratio %.2f%n", count, judged, warmedUp, slots, sandbox, sandboxBefore, sandboxAfter,
                judged / sandbox);
        // What each side costs the machine: a rate falls when the CPU per item grows, and the CPU per item moves
        // far less with the machine's state than the rate does.
        CpuTime judging = judgingEnd.minus(judgingStart);
        CpuTime alone = end.minus(judgingEnd).plus(judgingStart.minus(start));
        System.out.printf(Locale.ROOT, "throughput CPU: per judged submission %.2f ms of the machine, %.2f ms of"
                + " this JVM (the JIT compiled %.0f %% of one CPU's time in that window); per sandboxed run alone"
                + " %.2f ms of the machine, %.2f ms of this JVM%n", judging.machineMs() / count,
                judging.jvmMs() / count, 100 * compilingInWindow, alone.machineMs() / (2.0 * count),
                alone.jvmMs() / (2.0 * count));
        if (writesBefore.length > 0) {
            // each commit writes its changes as a chunk of its own: how many commits a judged submission costs
            System.out.printf(Locale.ROOT, "throughput H2: per judged submission %.2f file writes, %.1f KB%n",
                    (writesAfter[0] - writesBefore[0]) / (double) count,
                    (writesAfter[1] - writesBefore[1]) / 1024.0 / count);
        }
    }

    /** The embedded database's file writes and bytes written so far; empty on any other database. */
    private long[] h2Writes() {
        try {
            Map<String, String> info = new HashMap<>();
            ledger.query("select setting_name, setting_value from information_schema.settings where setting_name in"
                    + " ('info.FILE_WRITE', 'info.FILE_WRITE_BYTES')",
                    (RowCallbackHandler) rs -> info.put(rs.getString(1), rs.getString(2)));
            return info.size() < 2 ? new long[0] : new long[] {Long.parseLong(info.get("info.FILE_WRITE")),
                    Long.parseLong(info.get("info.FILE_WRITE_BYTES"))};
        } catch (DataAccessException notH2) {
            return new long[0];
        }
    }

    /**
     * CPU time so far: of this JVM (the server, the sandbox's Java side, the HTTP client) and of the whole machine
     * (everything busy in {@code /proc/stat}: the JVM, the sandbox's helper and the programs it runs).
     */
    private record CpuTime(long jvmNanos, long machineTicks) {
        /** {@code /proc/stat} counts in USER_HZ, 100 on every Linux architecture this runs on. */
        private static final double MS_PER_TICK = 10;

        static CpuTime now() throws java.io.IOException {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            // cpu  user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return new CpuTime(jvm, busy);
        }

        CpuTime minus(CpuTime o) {
            return new CpuTime(jvmNanos - o.jvmNanos, machineTicks - o.machineTicks);
        }

        CpuTime plus(CpuTime o) {
            return new CpuTime(jvmNanos + o.jvmNanos, machineTicks + o.machineTicks);
        }

        double jvmMs() {
            return jvmNanos / 1e6;
        }

        double machineMs() {
            return machineTicks * MS_PER_TICK;
        }
    }

    private void awaitFinished(int count, int before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        synchronized (finished) {
            while (finished.get() - before < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("only " + (finished.get() - before) + " of " + count
                            + " finished");
                }
                TimeUnit.NANOSECONDS.timedWait(finished, left);
            }
        }
    }

    /**
     * Posts {@code count} copies of {@code item} in batches of 20 and waits until all are judged and in the ledger;
     * returns the nanoseconds from the first request to then.
     */
    private long judgeThroughJudge0(HttpClient http, URI server, String item, int count) throws Exception {
        int before = finished.get();
        long t = System.nanoTime();
        for (int sent = 0; sent < count; sent += 20) {
            post(http, server, Collections.nCopies(Math.min(20, count - sent), item));
        }
        awaitFinished(count, before);
        awaitRecorded();
        return System.nanoTime() - t;
    }

    /**
     * Waits until the server's ledger holds every final result the store reported: its result feed writes them on a
     * thread of its own, so a window that ended at the store's last report would leave that work out of it (and
     * put it into whatever is measured next).
     */
    private void awaitRecorded() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (ledger.queryForObject("select count(*) from submissions where finished_at is null", Long.class) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ledger still waits for results after 5 minutes");
            }
            Thread.sleep(2);
        }
    }

    private static void post(HttpClient http, URI server, List<String> items) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/judge0/submissions/batch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"submissions\":[" + String.join(",", items) + "]}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("batch refused: " + response.statusCode() + " " + response.body());
        }
    }

    private double sandboxRate(Language c, byte[] program, int runs, int warmup) throws Exception {
        Limits limits = c.allowFor(Limits.defaults());
        SandboxRequest request = new SandboxRequest(List.of("./main"), List.of(SandboxFile.executable("main", program)),
                "1 2\n".getBytes(StandardCharsets.UTF_8), limits, Map.of(), List.of(), c.profile());
        for (int i = 0; i < warmup; i++) {
            sandbox.run(request);
        }
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        try {
            CountDownLatch done = new CountDownLatch(runs);
            long t = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                pool.execute(() -> {
                    SandboxResult r = sandbox.run(request);
                    if (r.exitCode() != 0) {
                        System.err.println("sandboxed run failed: " + r);
                    }
                    done.countDown();
                });
            }
            done.await();
            return runs / ((System.nanoTime() - t) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
