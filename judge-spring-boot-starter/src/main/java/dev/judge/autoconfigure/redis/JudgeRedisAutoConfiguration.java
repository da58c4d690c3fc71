package dev.judge.autoconfigure.redis;

import dev.judge.autoconfigure.JudgeProperties;
import dev.judge.autoconfigure.JudgeStorageAutoConfiguration;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.store.ResultStore;
import dev.judge.redis.RedisJudgeStorage;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The Redis job queue and result store ({@code judge.queue.type=redis}, {@code judge.store.type=redis}) on the
 * application's {@link RedisConnectionFactory}. Backs off without Spring Data Redis or without a connection
 * factory.
 */
@AutoConfiguration(before = JudgeStorageAutoConfiguration.class, afterName = {
        "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
@ConditionalOnClass({RedisConnectionFactory.class, RedisJudgeStorage.class})
@ConditionalOnBean(RedisConnectionFactory.class)
@Conditional(JudgeRedisAutoConfiguration.RedisSelected.class)
@EnableConfigurationProperties(JudgeProperties.class)
public class JudgeRedisAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RedisJudgeStorage judgeRedisStorage(RedisConnectionFactory connectionFactory, JudgeProperties properties) {
        return RedisJudgeStorage.builder().connectionFactory(connectionFactory)
                .keyPrefix(properties.redis().keyPrefix()).pollInterval(properties.redis().pollInterval())
                .resultRetention(properties.store().retention()).policy(properties.queue().policy()).build();
    }

    // The storage owns the queue and store it hands out and closes them itself.
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "judge.queue.type", havingValue = "redis")
    public JobQueue judgeJobQueue(RedisJudgeStorage storage) {
        return storage.jobQueue();
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "judge.store.type", havingValue = "redis")
    public ResultStore judgeResultStore(RedisJudgeStorage storage) {
        return storage.resultStore();
    }

    static final class RedisSelected extends JudgeStorageAutoConfiguration.StorageTypeSelected {
        RedisSelected() {
            super("redis");
        }
    }
}
