package dev.judge.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.autoconfigure.JudgeAutoConfiguration;
import dev.judge.autoconfigure.JudgeSandboxAutoConfiguration;
import dev.judge.autoconfigure.JudgeStorageAutoConfiguration;
import dev.judge.autoconfigure.TestSandbox;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.pipeline.JudgeObserver;
import dev.judge.core.sandbox.Sandbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class JudgeMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JudgeSandboxAutoConfiguration.class,
                    JudgeStorageAutoConfiguration.class, JudgeAutoConfiguration.class,
                    JudgeMetricsAutoConfiguration.class))
            .withBean(Sandbox.class, TestSandbox::create);

    @Test
    void timesEachPhaseAndCountsVerdicts() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(JudgeObserver.class);
            Judge judge = context.getBean(Judge.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            String id = judge.submit(Submission.of("c", "#include <stdio.h>\nint main(){int a,b;scanf(\"%d %d\",&a,&b);"
                    + "printf(\"%d\\n\",a+b);}", List.of(TestCase.of("1", "1 2\n", "3\n"),
                    TestCase.of("2", "2 2\n", "5\n"))));
            awaitFinished(judge, id);
            // In an application Spring Boot's metrics auto-configuration binds the MeterBinder beans.
            context.getBean(MeterBinder.class).bindTo(meters);

            assertThat(meters.get("judge.compile").tag("language", "c").timer().count()).isEqualTo(1);
            assertThat(meters.get("judge.run").tag("language", "c").timer().count()).isEqualTo(2);
            assertThat(meters.get("judge.check").tag("language", "c").timer().count()).isEqualTo(2);
            assertThat(meters.get("judge.queue.wait").tag("language", "c").timer().count()).isEqualTo(1);
            assertThat(meters.get("judge.submissions").tag("verdict", "WA").counter().count()).isEqualTo(1);
            assertThat(meters.get("judge.queue.depth").gauge().value()).isZero();
            assertThat(meters.get("judge.runs.in.flight").gauge().value()).isZero();
            assertThat(meters.get("judge.cache.hit.ratio").gauge().value()).isZero();

            // Phase times: the worker reports them once the final result is stored, just after readers see it.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (meters.find("judge.store.write").tag("kind", "final").timer() == null
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(meters.get("judge.pipeline.time").tag("language", "c").timer().count()).isEqualTo(1);
            assertThat(meters.get("judge.submission.time").tag("language", "c").timer().count()).isEqualTo(1);
            assertThat(meters.get("judge.store.write").tag("kind", "progress").timer().count()).isEqualTo(1);
            assertThat(meters.get("judge.store.write").tag("kind", "final").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void backsOffWithoutMicrometerOrARegistry() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JudgeObserver.class));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean(JudgeObserver.class));
    }

    private static SubmissionResult awaitFinished(Judge judge, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SubmissionResult> r = judge.result(id);
            if (r.isPresent() && r.get().isFinished()) {
                return r.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("submission " + id + " did not finish: " + judge.result(id));
    }
}
