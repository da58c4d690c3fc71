package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A trivial pair against a single warm run of the same trivial program, in one JVM, one after the other. Not
 * part of the suite (the class name matches no surefire include) and asserts no timing; run it with
 *
 * <pre>
 * ./mvnw -o -B -ntp -pl judge-sandbox-docker -am verify -Dtest=DockerPairBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * System properties {@code judge.bench.runs} (default 30) and {@code judge.bench.warmup} (default 5).
 */
class DockerPairBenchmark {
    private static final List<String> PROGRAM = List.of("/bin/true");

    @Test
    void pairVersusSingle() {
        int runs = Integer.getInteger("judge.bench.runs", 30);
        int warmup = Integer.getInteger("judge.bench.warmup", 5);
        Limits limits = Limits.defaults();
        SandboxRequest request = SandboxRequest.of(PROGRAM, limits);
        List<Long> single = new ArrayList<>();
        List<Long> pair = new ArrayList<>();
        TestSandboxes.ensureDefaultImage();
        try (Sandbox sandbox = DockerSandbox.builder().hostToolchain().poolSize(2).maxRunsPerContainer(1_000_000)
                .poolName("judge-bench").build()) {
            for (int i = 0; i < warmup + runs; i++) {
                long t = System.nanoTime();
                SandboxResult r = sandbox.run(request);
                long elapsed = System.nanoTime() - t;
                assertThat(r.succeeded()).as(r.message()).isTrue();
                if (i >= warmup) {
                    single.add(elapsed);
                }
                t = System.nanoTime();
                PairResult p = sandbox.runPair(request, request);
                elapsed = System.nanoTime() - t;
                assertThat(p.program().succeeded()).as(p.program().message()).isTrue();
                assertThat(p.peer().succeeded()).as(p.peer().message()).isTrue();
                if (i >= warmup) {
                    pair.add(elapsed);
                }
            }
        }
        double singleMs = median(single) / 1e6;
        double pairMs = median(pair) / 1e6;
        System.out.printf(Locale.ROOT, "docker sandbox, %d runs of %s each after %d warm-up runs%n", runs, PROGRAM, warmup);
        System.out.printf(Locale.ROOT, "  single warm run               median %.1f ms%n", singleMs);
        System.out.printf(Locale.ROOT, "  pair (two containers, FIFOs)  median %.1f ms%n", pairMs);
        System.out.printf(Locale.ROOT, "  pair / single = %.2f%n", pairMs / singleMs);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
