package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Cold container per run against a warm-pool run of the same trivial program, in one JVM, one after
 * the other. Not part of the suite (the class name matches no surefire include) and asserts no timing;
 * run it with the command in {@code docs/BENCHMARKS.md}:
 *
 * <pre>
 * ./mvnw -o -B -ntp -pl judge-sandbox-docker -am verify -Dtest=DockerPoolBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * System properties {@code judge.bench.runs} (default 30) and {@code judge.bench.warmup} (default 5).
 */
class DockerPoolBenchmark {
    private static final List<String> PROGRAM = List.of("/bin/true");

    @Test
    void coldVersusWarm() throws Exception {
        int runs = Integer.getInteger("judge.bench.runs", 30);
        int warmup = Integer.getInteger("judge.bench.warmup", 5);
        Limits limits = Limits.defaults();
        DockerSandbox.Builder builder = DockerSandbox.builder().hostToolchain().poolSize(1)
                .maxRunsPerContainer(1_000_000).poolName("judge-bench");

        List<Long> cold = new ArrayList<>();
        Settings settings = builder.settings();
        try (Engine engine = new Engine(settings)) {
            engine.ping();
            TestSandboxes.ensureDefaultImage();
            for (int i = 0; i < warmup + runs; i++) {
                long t = System.nanoTime();
                long status = engine.runCold(settings.defaultImage(), settings.uidBase(), limits.memory().bytes(), PROGRAM);
                long elapsed = System.nanoTime() - t;
                assertThat(status).isZero();
                if (i >= warmup) {
                    cold.add(elapsed);
                }
            }
        }

        List<Long> warm = new ArrayList<>();
        try (Sandbox sandbox = builder.build()) {
            for (int i = 0; i < warmup + runs; i++) {
                long t = System.nanoTime();
                SandboxResult r = sandbox.run(SandboxRequest.of(PROGRAM, limits));
                long elapsed = System.nanoTime() - t;
                assertThat(r.succeeded()).as(r.message()).isTrue();
                if (i >= warmup) {
                    warm.add(elapsed);
                }
            }
        }

        double coldMs = median(cold) / 1e6;
        double warmMs = median(warm) / 1e6;
        System.out.printf(Locale.ROOT, "docker sandbox, %d runs of %s each after %d warm-up runs%n", runs, PROGRAM, warmup);
        System.out.printf(Locale.ROOT, "  cold (create, start, wait, remove)   median %.1f ms%n", coldMs);
        System.out.printf(Locale.ROOT, "  warm pool (one request to the runner) median %.1f ms%n", warmMs);
        System.out.printf(Locale.ROOT, "  warm / cold = %.3f%n", warmMs / coldMs);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

}
