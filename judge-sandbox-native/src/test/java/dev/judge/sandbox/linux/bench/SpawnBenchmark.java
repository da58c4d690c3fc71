package dev.judge.sandbox.linux.bench;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.sandbox.linux.BareSpawnPath;
import dev.judge.sandbox.linux.NativeSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Spawns a trivial C program N times: bare through the sandbox's own spawn path with every isolation step
 * left out (Java to helper and back, see {@link BareSpawnPath}), bare from a C loop (fork/exec/wait, no JVM at
 * all), through the native sandbox (from Java, per-run latency of {@code run}), and through bubblewrap with
 * comparable isolation (fork/exec of bwrap from the same C loop), and a pair of it connected by pipes through
 * {@code runPair} (two boxes at once); then sandboxed throughput on 1 and 2 slots.
 * Prints medians and ratios.
 *
 * <p>Run: {@code ./mvnw -o -B -ntp -pl judge-sandbox-native -am -Pbench -DskipTests verify}
 * ({@code -Dbench.runs=N} changes N, default 1000). Needs root, gcc and bubblewrap.
 */
public final class SpawnBenchmark {
    private static final String TRIVIAL = "int main(void) { return 0; }\n";
    private static final String LOOP = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <sys/wait.h>
            #include <time.h>
            #include <unistd.h>
            static long long now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }
            int main(int argc, char **argv) {
                int n = atoi(argv[1]);
                for (int i = 0; i < n; i++) {
                    long long t0 = now();
                    pid_t c = fork();
                    if (c == 0) { execv(argv[2], argv + 2); _exit(127); }
                    int st;
                    waitpid(c, &st, 0);
                    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) { fprintf(stderr, "run failed: %d\\n", st); return 1; }
                    printf("%lld\\n", now() - t0);
                }
                return 0;
            }
            """;

    private SpawnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.runs", 1000);
        Path dir = Files.createTempDirectory("judge-native-bench");
        try {
            Path prog = compile(dir, "trivial", TRIVIAL);
            Path loop = compile(dir, "loop", LOOP);
            byte[] progBytes = Files.readAllBytes(prog);

            List<String> bwrap = bwrapCommand(prog);
            Path bareHelper = Path.of(System.getProperty("bench.bareHelper", "target/bench/judge-helper-bare"));
            try (NativeSandbox sandbox = NativeSandbox.builder().slots(2).build();
                    BareSpawnPath barePath = BareSpawnPath.start(bareHelper, dir)) {
                SandboxRequest req = SandboxRequest.of(List.of("./prog"), Limits.defaults())
                        .withFiles(List.of(SandboxFile.executable("prog", progBytes)));
                // warm-up of all three, then ten interleaved blocks so that all see the same host load
                loop(loop, 50, List.of(prog.toString()));
                if (bwrap != null) {
                    loop(loop, 20, bwrap);
                }
                for (int i = 0; i < 100; i++) {
                    check(sandbox.run(req));
                    checkBare(barePath.run(req));
                }
                int block = Math.max(1, n / 10);
                List<Double> bareMs = new ArrayList<>();
                List<Double> barePathMs = new ArrayList<>();
                List<Double> bwrapMs = new ArrayList<>();
                List<Double> boxMs = new ArrayList<>();
                List<Double> inBoxMs = new ArrayList<>();
                List<Double> pairMs = new ArrayList<>();
                for (int b = 0; b < 10; b++) {
                    for (double v : loop(loop, block, List.of(prog.toString()))) {
                        bareMs.add(v);
                    }
                    for (int i = 0; i < block; i++) {
                        long t0 = System.nanoTime();
                        int status = barePath.run(req);
                        barePathMs.add((System.nanoTime() - t0) / 1e6);
                        checkBare(status);
                    }
                    if (bwrap != null) {
                        for (double v : loop(loop, block, bwrap)) {
                            bwrapMs.add(v);
                        }
                    }
                    for (int i = 0; i < block; i++) {
                        long t0 = System.nanoTime();
                        SandboxResult r = sandbox.run(req);
                        boxMs.add((System.nanoTime() - t0) / 1e6);
                        check(r);
                        inBoxMs.add(r.wallTime().toNanos() / 1e6);
                    }
                    for (int i = 0; i < block; i++) {
                        long t0 = System.nanoTime();
                        PairResult r = sandbox.runPair(req, req);
                        pairMs.add((System.nanoTime() - t0) / 1e6);
                        check(r.program());
                        check(r.peer());
                    }
                }
                double bare = median(bareMs);
                double barePathMedian = median(barePathMs);
                double sb = median(boxMs);
                System.out.printf("bare, same spawn path: median %7.3f ms  (n=%d, Java to helper and back, no isolation)%n",
                        barePathMedian, barePathMs.size());
                System.out.printf("bare fork/exec:       median %8.3f ms  (n=%d, fork+exec+wait from a C loop)%n",
                        bare, bareMs.size());
                double bw = Double.NaN;
                if (bwrap != null) {
                    bw = median(bwrapMs);
                    System.out.printf("bubblewrap:           median %8.3f ms  (n=%d, fork+exec of bwrap from the same loop)%n",
                            bw, bwrapMs.size());
                } else {
                    System.out.println("bubblewrap:           not installed (apt-get install -y bubblewrap)");
                }
                System.out.printf("native sandbox:       median %8.3f ms  (n=%d, Java run() to result)%n", sb, boxMs.size());
                System.out.printf("  of which fork to exit: median %6.3f ms (the helper's own wall time of the run)%n",
                        median(inBoxMs));
                System.out.printf("native pair:          median %8.3f ms  (n=%d, Java runPair() to both results)%n",
                        median(pairMs), pairMs.size());
                System.out.printf("ratio pair/sandbox run:              %6.2f%n", median(pairMs) / sb);
                System.out.printf("ratio sandbox/bare, same spawn path: %6.2f  (target <= 1.3)%n", sb / barePathMedian);
                System.out.printf("ratio sandbox/bare fork/exec from C: %6.2f%n", sb / bare);
                if (!Double.isNaN(bw)) {
                    System.out.printf("ratio sandbox/bubblewrap:  %6.2f  (target <= 0.25)%n", sb / bw);
                }
                for (int threads : new int[] {1, 2}) {
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    try {
                        long t0 = System.nanoTime();
                        List<Future<?>> fs = new ArrayList<>();
                        for (int t = 0; t < threads; t++) {
                            fs.add(pool.submit(() -> {
                                for (int i = 0; i < n / threads; i++) {
                                    check(sandbox.run(req));
                                }
                                return null;
                            }));
                        }
                        for (Future<?> f : fs) {
                            f.get();
                        }
                        double secs = (System.nanoTime() - t0) / 1e9;
                        System.out.printf("sandbox throughput, %d slot%s: %8.1f runs/s%n", threads,
                                threads == 1 ? " " : "s", (n / threads * threads) / secs);
                    } finally {
                        pool.shutdownNow();
                    }
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void checkBare(int waitStatus) {
        if (waitStatus != 0) {
            throw new IllegalStateException("bare run failed: wait status " + waitStatus);
        }
    }

    private static void check(SandboxResult r) {
        if (!r.succeeded()) {
            throw new IllegalStateException("sandboxed run failed: " + r.termination() + " " + r.message());
        }
    }

    /** bubblewrap with namespaces, a read-only /usr, fresh /proc, /dev, /tmp and work dir, no capabilities. */
    private static List<String> bwrapCommand(Path prog) {
        if (!Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
            return null;
        }
        return List.of("/usr/bin/bwrap", "--unshare-all", "--die-with-parent", "--new-session",
                "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
                "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                "--tmpfs", "/box", "--ro-bind", prog.toString(), "/box/prog", "--chdir", "/box",
                "--uid", "1000", "--gid", "1000", "--cap-drop", "ALL", "/box/prog");
    }

    private static double[] loop(Path loop, int n, List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(loop.toString(), Integer.toString(n)));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("spawn loop failed for " + command);
        }
        return out.lines().mapToDouble(l -> Long.parseLong(l) / 1e6).toArray();
    }

    private static double median(List<Double> values) {
        double[] xs = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(xs);
        return xs.length % 2 == 1 ? xs[xs.length / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
    }

    private static Path compile(Path dir, String name, String source) throws IOException, InterruptedException {
        Path src = dir.resolve(name + ".c");
        Files.writeString(src, source);
        Path out = dir.resolve(name);
        Process p = new ProcessBuilder("gcc", "-O2", "-o", out.toString(), src.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gcc failed for " + name);
        }
        return out;
    }
}
