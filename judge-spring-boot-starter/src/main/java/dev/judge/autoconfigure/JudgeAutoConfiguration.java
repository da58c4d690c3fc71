package dev.judge.autoconfigure;

import dev.judge.core.judge.Judge;
import dev.judge.core.judge.JudgeObserver;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
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
import org.springframework.util.unit.DataSize;

/**
 * The {@link Judge} and, on worker nodes, the {@link Worker} that takes jobs from the queue. Runs after the
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
    public Judge judge(JudgeProperties properties, Sandbox sandbox, Languages languages,
            ObjectProvider<JobQueue> queue, ObjectProvider<ResultStore> store, ObjectProvider<JudgeObserver> observer,
            ObjectProvider<JudgeBuilderCustomizer> customizers) {
        Judge.Builder builder = Judge.builder().sandbox(sandbox).languages(languages)
                .queueCapacity(properties.executor().queueCapacity())
                .cacheSize(bytes(properties.cache().maxSize()))
                .maxSourceSize(bytes(properties.caps().maxSourceSize()))
                .maxTests(properties.caps().maxTests())
                .maxTestData(bytes(properties.caps().maxTestDataSize()))
                .maxLimits(maxLimits(properties.limits()));
        if (properties.executor().slots() > 0) {
            builder.slots(properties.executor().slots());
        }
        queue.ifAvailable(builder::jobQueue);
        observer.ifAvailable(builder::observer);
        store.ifAvailable(builder::resultStore);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({JobQueue.class, ResultStore.class})
    @ConditionalOnProperty(name = "judge.worker.enabled", havingValue = "true", matchIfMissing = true)
    public WorkerLifecycle judgeWorker(JudgeProperties properties, Judge judge, JobQueue queue, ResultStore store,
            ObjectProvider<JudgeObserver> observer, ObjectProvider<WorkerCustomizer> customizers) {
        JudgeProperties.Worker w = properties.worker();
        Worker.Builder builder = Worker.builder().queue(queue).store(store).pipeline(judge.pipeline())
                .languages(w.languages()).concurrency(w.concurrency()).drainTimeout(w.drainTimeout());
        observer.ifAvailable(builder::observer);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return new WorkerLifecycle(builder.build());
    }

    private static ByteSize bytes(DataSize size) {
        return ByteSize.ofBytes(size.toBytes());
    }

    /** The caps a submission may ask for: the properties' maxima on the core's generous defaults. */
    private static Limits maxLimits(JudgeProperties.LimitSettings limits) {
        return new Limits(limits.maxCpuTime(), limits.maxWallTime(), bytes(limits.maxMemory()), 128,
                ByteSize.ofMiB(64), ByteSize.ofMiB(256), ByteSize.ofGiB(2), 1024, false);
    }
}
