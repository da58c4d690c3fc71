package dev.judge.autoconfigure;

import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.store.ResultStore;
import dev.judge.core.store.ResultStores;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The in-memory queue and result store: the default when {@code judge.queue.type} and {@code judge.store.type}
 * are {@code memory} or unset. The JDBC and Redis auto-configurations run first and win when selected.
 */
@AutoConfiguration
@EnableConfigurationProperties(JudgeProperties.class)
public class JudgeStorageAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "judge.queue.type", havingValue = "memory", matchIfMissing = true)
    public JobQueue judgeJobQueue(JudgeProperties properties) {
        return JobQueues.inMemory(properties.queue().policy());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "judge.store.type", havingValue = "memory", matchIfMissing = true)
    public ResultStore judgeResultStore() {
        return ResultStores.inMemory();
    }
}
