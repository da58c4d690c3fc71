package dev.judge.autoconfigure.metrics;

import dev.judge.autoconfigure.JudgeAutoConfiguration;
import dev.judge.core.judge.Judge;
import dev.judge.core.pipeline.JudgeObserver;
import dev.judge.core.queue.JobQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Metrics and observations of the judge where Micrometer is present: phase timers and spans
 * ({@code judge.compile}, {@code judge.run}, {@code judge.check}, {@code judge.store}), {@code judge.queue.wait},
 * {@code judge.submissions} by verdict, and the gauges {@code judge.queue.depth}, {@code judge.cache.hit.ratio}
 * and {@code judge.runs.in.flight}. Where Micrometer Tracing is present and the host traces, a queued job carries
 * its submitter's trace to the worker, which continues it ({@code judge.queue.wait}, {@code judge.job} and the
 * phases under it).
 */
@AutoConfiguration(before = JudgeAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, ObservationRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class JudgeMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(JudgeObserver.class)
    JudgeObserver judgeMicrometerObserver(MeterRegistry meters, ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<JudgeTraces> traces) {
        // Without an application ObservationRegistry the phases still become timers through a private one.
        ObservationRegistry registry = observations.getIfAvailable(() -> {
            ObservationRegistry own = ObservationRegistry.create();
            own.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return own;
        });
        return new MicrometerJudgeObserver(registry, meters, traces.getIfAvailable(() -> JudgeTraces.NONE));
    }

    /**
     * Where the host traces (a Micrometer Tracing bridge with its tracer and propagator), queued jobs carry it.
     * Spring Boot keeps a working tracer when its tracing is switched off ({@code management.tracing.enabled=false}
     * on Boot 3, {@code management.tracing.export.enabled=false} on Boot 4, which stop the export): the judge takes
     * that switch as its own, and its no-op tracer, so that jobs carry no trace that goes nowhere.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class Tracing {
        @Bean
        JudgeTraces judgeTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
                Environment environment) {
            Tracer t = tracer.getIfUnique();
            Propagator p = propagator.getIfUnique();
            boolean switchedOff = !environment.getProperty("management.tracing.enabled", Boolean.class, true)
                    || !environment.getProperty("management.tracing.export.enabled", Boolean.class, true);
            return t == null || p == null || t == Tracer.NOOP || switchedOff ? JudgeTraces.NONE
                    : new TracerJudgeTraces(t, p);
        }
    }

    @Bean
    MeterBinder judgeGauges(ObjectProvider<Judge> judge, ObjectProvider<JobQueue> queue,
            ObjectProvider<JudgeObserver> observer) {
        return registry -> {
            queue.ifAvailable(q -> Gauge.builder("judge.queue.depth", q, JudgeMetricsAutoConfiguration::depth)
                    .description("Jobs waiting or being judged").register(registry));
            judge.ifAvailable(j -> Gauge.builder("judge.cache.hit.ratio", j, x -> x.cacheStats().hitRate())
                    .description("Share of compiles answered by the artifact cache").register(registry));
            observer.ifAvailable(o -> {
                if (o instanceof MicrometerJudgeObserver m) {
                    Gauge.builder("judge.runs.in.flight", m, MicrometerJudgeObserver::runsInFlight)
                            .description("Test runs in the sandbox right now").register(registry);
                }
            });
        };
    }

    private static double depth(JobQueue queue) {
        try {
            return queue.depth();
        } catch (RuntimeException e) {
            return Double.NaN; // the broker is down; health says so
        }
    }
}
