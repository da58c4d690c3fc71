package dev.judge.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.autoconfigure.JudgeAutoConfiguration;
import dev.judge.autoconfigure.JudgeSandboxAutoConfiguration;
import dev.judge.autoconfigure.JudgeStorageAutoConfiguration;
import dev.judge.autoconfigure.TestSandbox;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.sandbox.Sandbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A queued job continues its submitter's trace, with a real OpenTelemetry SDK behind Micrometer Tracing, as a host
 * that traces has it: the spans are exported to an in-memory exporter and their parents checked.
 */
class JudgeTracingTest {
    private static final String SUM = "#include <stdio.h>\nint main(){int a,b;scanf(\"%d %d\",&a,&b);"
            + "printf(\"%d\\n\",a+b);}";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    private final io.opentelemetry.api.trace.Tracer otelTracer = otel.getTracer("judge-test");
    private final Tracer tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> { });
    private final Propagator propagator = new OtelPropagator(otel.getPropagators(), otelTracer);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JudgeSandboxAutoConfiguration.class,
                    JudgeStorageAutoConfiguration.class, JudgeAutoConfiguration.class,
                    JudgeMetricsAutoConfiguration.class))
            .withBean(Sandbox.class, TestSandbox::create)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(Tracer.class, () -> tracer)
            .withBean(Propagator.class, () -> propagator)
            .withBean(ObservationRegistry.class, () -> {
                ObservationRegistry registry = ObservationRegistry.create();
                registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
                return registry;
            });

    @Test
    void aQueuedJobContinuesItsSubmittersTrace() {
        runner.run(context -> {
            Judge judge = context.getBean(Judge.class);
            Span request = tracer.nextSpan().name("POST /submissions").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
                judge.submit(Submission.of("c", SUM, List.of(TestCase.of("1", "1 2\n", "3\n"),
                        TestCase.of("2", "2 2\n", "5\n"))));
            } finally {
                request.end();
            }
            List<SpanData> trace = awaitSpans(s -> s.getName().equals("judge.job"));
            String traceId = request.context().traceId();
            assertThat(trace).allSatisfy(s -> assertThat(s.getTraceId()).as(s.getName()).isEqualTo(traceId));
            SpanData job = one(trace, "judge.job");
            SpanData wait = one(trace, "judge.queue.wait");
            assertThat(job.getParentSpanId()).isEqualTo(request.context().spanId());
            assertThat(wait.getParentSpanId()).isEqualTo(request.context().spanId());
            assertThat(wait.getEndEpochNanos()).isLessThanOrEqualTo(job.getStartEpochNanos() + 1_000);
            assertThat(wait.getStartEpochNanos()).isLessThanOrEqualTo(wait.getEndEpochNanos());
            Map<String, Long> underJob = trace.stream().filter(s -> s.getParentSpanId().equals(job.getSpanId()))
                    .collect(Collectors.groupingBy(SpanData::getName, Collectors.counting()));
            // The compile and the store run on the worker's thread, the runs and checks on the sandbox slots.
            // Phase spans take the observations' contextual names: phase and language.
            assertThat(underJob).containsEntry("compile c", 1L).containsEntry("run c", 2L)
                    .containsEntry("check c", 2L).containsEntry("store c", 1L);
        });
    }

    @Test
    void aJobSubmittedOutsideATraceStartsItsOwn() {
        runner.run(context -> {
            context.getBean(Judge.class).submit(Submission.of("c", SUM, List.of(TestCase.of("1", "1 2\n", "3\n"))));
            List<SpanData> spans = awaitSpans(s -> s.getName().equals("judge.job"));
            SpanData job = one(spans, "judge.job");
            assertThat(job.getParentSpanContext().isValid()).isFalse();
            assertThat(one(spans, "judge.queue.wait").getParentSpanId()).isEqualTo(job.getSpanId());
            assertThat(one(spans, "run c").getParentSpanId()).isEqualTo(job.getSpanId());
        });
    }

    @Test
    void theHostsTracingSwitchIsTheJudgesToo() {
        runner.withPropertyValues("management.tracing.enabled=false").run(context -> {
            assertThat(context.getBean(JudgeTraces.class)).isSameAs(JudgeTraces.NONE);
            Span request = tracer.nextSpan().name("POST /submissions").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
                context.getBean(Judge.class).submit(Submission.of("c", SUM, List.of(TestCase.of("1", "1 2\n", "3\n"))));
            } finally {
                request.end();
            }
            // The phases are the host's Observations and still become spans; the judge adds none of its own.
            List<SpanData> spans = awaitSpans(s -> s.getName().equals("store c"));
            assertThat(spans).extracting(SpanData::getName).doesNotContain("judge.job", "judge.queue.wait");
        });
        runner.withPropertyValues("management.tracing.export.enabled=false")
                .run(context -> assertThat(context.getBean(JudgeTraces.class)).isSameAs(JudgeTraces.NONE));
    }

    @Test
    void withoutMicrometerTracingJobsAreJudgedUntraced() {
        runner.withClassLoader(new FilteredClassLoader(Tracer.class)).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(JudgeTraces.class);
            Judge judge = context.getBean(Judge.class);
            String id = judge.submit(Submission.of("c", SUM, List.of(TestCase.of("1", "1 2\n", "3\n"))));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (judge.result(id).map(r -> !r.isFinished()).orElse(true) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(judge.result(id).orElseThrow().isFinished()).isTrue();
        });
    }

    /** The exported spans once one matches {@code last} (the worker ends {@code judge.job} after its children). */
    private List<SpanData> awaitSpans(Predicate<SpanData> last) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (exported.getFinishedSpanItems().stream().noneMatch(last) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return exported.getFinishedSpanItems();
    }

    private static SpanData one(List<SpanData> spans, String name) {
        List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named %s among %s", name, spans.stream().map(SpanData::getName).toList())
                .hasSize(1);
        return named.get(0);
    }
}
