package dev.judge.autoconfigure.metrics;

import dev.judge.core.model.TraceContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judge traces through Micrometer Tracing (any bridge: OpenTelemetry, Brave). A submitter's span is injected into
 * the job as propagation headers; the worker that claims the job extracts them and records, as children of the
 * submitter's span, {@code judge.queue.wait} (backdated to the job's acceptance, ended at the claim) and
 * {@code judge.job}, which stays in scope while the job is judged and stored, so the phase observations
 * ({@code judge.compile}, {@code judge.run}, {@code judge.check}, {@code judge.store}) become its children, also
 * on the sandbox slots, where {@link #carry} puts it in scope.
 */
final class TracerJudgeTraces implements JudgeTraces {
    private static final Logger LOG = LoggerFactory.getLogger(TracerJudgeTraces.class);

    private final Tracer tracer;
    private final Propagator propagator;

    TracerJudgeTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public TraceContext current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return TraceContext.NONE;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        try {
            return TraceContext.of(headers);
        } catch (IllegalArgumentException e) {
            // Baggage beyond the job's bound: the trace itself still travels.
            LOG.debug("trace headers beyond the job's bound, keeping traceparent alone: {}", e.getMessage());
            String parent = headers.get("traceparent");
            return parent == null ? TraceContext.NONE : TraceContext.of(Map.of("traceparent", parent));
        }
    }

    @Override
    public void judgeJob(String jobId, String languageId, TraceContext trace, Instant enqueuedAt, Runnable work) {
        long claimedAt = micros(Instant.now());
        Span job;
        Span.Builder wait;
        if (trace.isEmpty()) {
            job = tracer.spanBuilder().setNoParent().name("judge.job").kind(Span.Kind.CONSUMER).start();
            wait = tracer.spanBuilder().setParent(job.context());
        } else {
            job = propagator.extract(trace.headers(), Map::get).name("judge.job").kind(Span.Kind.CONSUMER).start();
            wait = propagator.extract(trace.headers(), Map::get);
        }
        job.tag("judge.job.id", jobId).tag("judge.language", languageId);
        wait.name("judge.queue.wait").tag("judge.job.id", jobId).tag("judge.language", languageId)
                .startTimestamp(Math.min(micros(enqueuedAt), claimedAt), TimeUnit.MICROSECONDS).start()
                .end(claimedAt, TimeUnit.MICROSECONDS);
        try (Tracer.SpanInScope scope = tracer.withSpan(job)) {
            work.run();
        } catch (RuntimeException | Error e) {
            job.error(e);
            throw e;
        } finally {
            job.end();
        }
    }

    @Override
    public <T> Callable<T> carry(Callable<T> task) {
        Span current = tracer.currentSpan();
        if (current == null) {
            return task;
        }
        return () -> {
            try (Tracer.SpanInScope scope = tracer.withSpan(current)) {
                return task.call();
            }
        };
    }

    private static long micros(Instant t) {
        return TimeUnit.SECONDS.toMicros(t.getEpochSecond()) + t.getNano() / 1_000;
    }
}
