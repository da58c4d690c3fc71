package dev.judge.autoconfigure;

import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.store.ResultStore;
import dev.judge.core.store.ResultStores;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

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

    /**
     * Matches when {@code judge.queue.type} or {@code judge.store.type} (or both) names one storage type: the
     * condition under which that type's auto-configuration builds its storage. Each storage auto-configuration
     * subclasses it with its type.
     */
    public abstract static class StorageTypeSelected extends SpringBootCondition {
        private static final List<String> PROPERTIES = List.of("judge.queue.type", "judge.store.type");
        private final String type;

        protected StorageTypeSelected(String type) {
            this.type = type;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            for (String property : PROPERTIES) {
                if (type.equalsIgnoreCase(context.getEnvironment().getProperty(property))) {
                    return ConditionOutcome.match(property + " is " + type);
                }
            }
            return ConditionOutcome.noMatch("neither " + String.join(" nor ", PROPERTIES) + " is " + type);
        }
    }
}
