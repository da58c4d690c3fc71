package dev.judge.autoconfigure.metrics;

import dev.judge.core.model.PhaseTimes;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TraceContext;
import dev.judge.core.pipeline.JudgeObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Turns each phase into a Micrometer {@link Observation} ({@code judge.compile}, {@code judge.run},
 * {@code judge.check}, {@code judge.store}: timers through the meter handler, spans through a tracing handler),
 * carries a queued job's trace through the queue where the host traces ({@link JudgeTraces}), and counts finished
 * submissions by verdict. From each result's {@link PhaseTimes} it times what the phases alone do not show:
 * {@code judge.pipeline.time} (compile to verdict, also for synchronous calls), and for queued jobs
 * {@code judge.submission.time} (accept to finished) and {@code judge.store.write} (tag {@code kind}:
 * {@code progress}, the writes before the final result added up per job, or {@code final}).
 */
final class MicrometerJudgeObserver implements JudgeObserver {

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final JudgeTraces traces;
    private final AtomicInteger runsInFlight = new AtomicInteger();

    MicrometerJudgeObserver(ObservationRegistry observations, MeterRegistry meters, JudgeTraces traces) {
        this.observations = observations;
        this.meters = meters;
        this.traces = traces;
    }

    @Override
    public <T> T observe(Phase phase, String languageId, Supplier<T> work) {
        boolean run = phase == Phase.RUN;
        if (run) {
            runsInFlight.incrementAndGet();
        }
        try {
            return Observation.createNotStarted("judge." + phase.name().toLowerCase(Locale.ROOT), observations)
                    .contextualName(phase.name().toLowerCase(Locale.ROOT) + " " + languageId)
                    .lowCardinalityKeyValue("language", languageId)
                    .observe(work::get);
        } finally {
            if (run) {
                runsInFlight.decrementAndGet();
            }
        }
    }

    @Override
    public void finished(String languageId, SubmissionResult result) {
        String verdict = result.verdict() == null ? "none" : result.verdict().code();
        Counter.builder("judge.submissions").description("Finished submissions")
                .tag("language", languageId).tag("verdict", verdict)
                .register(meters).increment();
        if (!result.phases().total().isZero()) {
            Timer.builder("judge.pipeline.time").description("Time a submission spent in the judging pipeline")
                    .tag("language", languageId).register(meters).record(result.phases().total());
        }
    }

    @Override
    public void judged(String languageId, PhaseTimes phases, Duration finalWrite) {
        Timer.builder("judge.submission.time").description("Time from acceptance to the finished result")
                .tag("language", languageId).register(meters).record(phases.total());
        storeWrite(languageId, "progress", phases.storeWrites());
        storeWrite(languageId, "final", finalWrite);
    }

    private void storeWrite(String languageId, String kind, Duration took) {
        Timer.builder("judge.store.write").description("Time a worker spent writing one job's results to the store")
                .tag("language", languageId).tag("kind", kind).register(meters).record(took);
    }

    @Override
    public void queueWait(String languageId, Duration waited) {
        Timer.builder("judge.queue.wait").description("Time from acceptance to a worker's claim")
                .tag("language", languageId).register(meters).record(waited);
    }

    @Override
    public TraceContext currentTrace() {
        return traces.current();
    }

    @Override
    public void judgeJob(String jobId, String languageId, TraceContext trace, Instant enqueuedAt, Runnable work) {
        traces.judgeJob(jobId, languageId, trace, enqueuedAt, work);
    }

    @Override
    public <T> Callable<T> carry(Callable<T> task) {
        return traces.carry(task);
    }

    int runsInFlight() {
        return runsInFlight.get();
    }
}
