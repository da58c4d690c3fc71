package dev.judge.autoconfigure;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.pipeline.JudgeObserver;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.store.ResultStore;
import dev.judge.core.worker.Worker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The {@link Judge} and, on worker nodes, the lifecycle of the {@link Worker} the judge hosts. Runs after the
 * sandbox and storage auto-configurations; every bean backs off when the application defines its own.
 */
@AutoConfiguration(after = {JudgeSandboxAutoConfiguration.class, JudgeStorageAutoConfiguration.class},
        afterName = {"dev.judge.autoconfigure.jdbc.JudgeJdbcAutoConfiguration",
                "dev.judge.autoconfigure.redis.JudgeRedisAutoConfiguration"})
@EnableConfigurationProperties(JudgeProperties.class)
public class JudgeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Languages judgeLanguages(JudgeProperties properties) {
        return Languages.defaults().withProperties(properties.languages());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Judge judge(JudgeProperties properties, Environment environment, Sandbox sandbox, Languages languages,
            ObjectProvider<JobQueue> queue, ObjectProvider<ResultStore> store, ObjectProvider<JudgeObserver> observer,
            ObjectProvider<JudgeBuilderCustomizer> customizers, ObjectProvider<WorkerCustomizer> workerCustomizers) {
        Judge.Builder builder = Judge.builder().sandbox(sandbox).languages(languages)
                .queueCapacity(properties.executor().queueCapacity())
                .cacheSize(bytes(properties.cache().maxSize()))
                .maxSourceSize(bytes(properties.caps().maxSourceSize()))
                .maxTests(properties.caps().maxTests())
                .maxTestData(bytes(properties.caps().maxTestDataSize()))
                .maxLimits(maxLimits(properties.limits()));
        if (properties.executor().slots() > 0) {
            builder.runSlots(properties.executor().slots());
        }
        JobQueue jobQueue = queue.getIfAvailable();
        ResultStore resultStore = store.getIfAvailable();
        if (jobQueue != null) {
            builder.jobQueue(jobQueue).maxQueueDepth(properties.queue().maxDepth())
                    .queueDepthRefresh(properties.queue().depthRefresh());
        }
        observer.ifAvailable(builder::observer);
        if (resultStore != null) {
            builder.resultStore(resultStore);
        }
        if (jobQueue != null && resultStore != null && workerEnabled(environment)) {
            // The judge hosts the worker; WorkerLifecycle starts it once the context is ready.
            JudgeProperties.Worker w = properties.worker();
            builder.startWorker(false).worker(wb -> {
                wb.concurrency(w.concurrency()).drainTimeout(w.drainTimeout())
                        .progressInterval(w.progressInterval());
                if (!w.languages().isEmpty()) {
                    wb.languages(w.languages());
                }
                workerCustomizers.orderedStream().forEach(c -> c.customize(wb));
            });
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    // The same switch as the condition on judgeWorker below.
    private static boolean workerEnabled(Environment environment) {
        return environment.getProperty("judge.worker.enabled", Boolean.class, true);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({JobQueue.class, ResultStore.class})
    @ConditionalOnProperty(name = "judge.worker.enabled", havingValue = "true", matchIfMissing = true)
    public WorkerLifecycle judgeWorker(Judge judge) {
        return new WorkerLifecycle(judge);
    }

    private static ByteSize bytes(DataSize size) {
        return ByteSize.ofBytes(size.toBytes());
    }

    /** The caps a submission may ask for: the properties' maxima on the core's generous defaults. */
    private static Limits maxLimits(JudgeProperties.LimitSettings limits) {
        return new Limits(limits.maxCpuTime(), limits.maxWallTime(), bytes(limits.maxMemory()), 128,
                ByteSize.ofMiB(64), ByteSize.ofMiB(256), ByteSize.ofGiB(2), 1024, limits.allowNetwork());
    }
}
